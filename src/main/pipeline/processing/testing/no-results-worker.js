'use strict'
// Protocol-fault fixture: a processing thread that answers a batch without its packed results.
const { threadId } = require('node:worker_threads')
module.exports = function () {
  return { threadId }
}
