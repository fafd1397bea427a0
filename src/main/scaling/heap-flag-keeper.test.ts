import { join } from 'node:path'
import { getHeapSpaceStatistics } from 'node:v8'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { tuneHeap } from '../heap-tuning'
import { createPiscinaExecutor } from './piscina-executor'

const SLEEP_WORKER = join(__dirname, 'testing', 'sleep-worker.js')

const newSpace = () =>
  getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size

/** Young garbage with survivors, in short turns (so timers run between them), until `done`. */
async function churnUntil(done: () => boolean): Promise<void> {
  const kept: unknown[][] = []
  while (!done()) {
    const a: unknown[] = []
    for (let i = 0; i < 20_000; i++) a.push({ i, s: `x${i}` })
    kept.push(a)
    if (kept.length > 20) kept.shift()
    await new Promise((r) => setImmediate(r))
  }
}

describe('HeapFlagKeeper (in each pool)', () => {
  // Run in a process of its own (vitest forks): once the new space has grown it never shrinks.
  it('keeps the main thread new space small while pool threads start, which a bare thread start does not', async () => {
    tuneHeap()
    await churnUntil(
      (
        (n) => () =>
          n-- === 0
      )(50)
    )
    // The test process's own start may already have grown it (before its flags were set).
    const before = newSpace()

    // Two tasks at once: the pool's first thread starts with it, a second when the pool grows.
    const executor = createPiscinaExecutor<{ id: number; ms: number }, { id: number }>(SLEEP_WORKER)
    let settled = 0
    for (const id of [1, 2])
      void executor.execute({ id, ms: 200 }).finally(() => {
        settled++
      })
    await churnUntil(() => settled === 2)
    await executor.destroy()
    expect(newSpace()).toBe(before)

    // The same load while a thread starts with nobody putting the flags back.
    const bare = new Worker('setTimeout(() => {}, 200)', { eval: true })
    let exited = false
    bare.once('exit', () => (exited = true))
    await churnUntil(() => exited)
    expect(newSpace()).toBeGreaterThan(before)
  })
})
