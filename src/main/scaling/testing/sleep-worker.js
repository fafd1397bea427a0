'use strict'
// Pool-plumbing fixture: waits `ms`, then echoes the task id and which thread ran it.
// `started` (an Int32Array over a SharedArrayBuffer) is set to 1 when the task begins, so a test
// can act mid-task without guessing at timings.
const { threadId } = require('node:worker_threads')
module.exports = async function ({ id, ms, started }) {
  if (started) Atomics.store(started, 0, 1)
  await new Promise((resolve) => setTimeout(resolve, ms))
  return { id, threadId }
}
