import { join } from 'node:path'
import { getHeapSpaceStatistics } from 'node:v8'
import { Worker } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { describe, expect, it, vi } from 'vitest'
import { tuneHeap } from '../heap-flags'
import { HeapFlagKeeper } from './heap-flag-keeper'
import { createPiscinaExecutor } from './piscina-executor'

const SLEEP_WORKER = join(__dirname, 'testing', 'sleep-worker.js')

const newSpace = () =>
  getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size

/**
 * Young garbage with survivors, in short turns, until `done`. Turns of ~0.1 MB let the keeper's
 * 2 ms timer run between young collections, as the app's turns do (in-thread runs yield every
 * 4 ms); with turns of 1.6 MB a loaded machine could collect twice between two of its ticks.
 */
async function churnUntil(done: () => boolean): Promise<void> {
  const kept: unknown[][] = []
  while (!done()) {
    const a: unknown[] = []
    for (let i = 0; i < 2_000; i++) a.push({ i, s: `x${i}` })
    kept.push(a)
    if (kept.length > 200) kept.shift()
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
      )(500)
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

  describe('its timer', () => {
    it('runs only while threads start: the first 1.5 s, then from a grown thread until it is ready or 3 s pass', async () => {
      const pool = new Piscina({ filename: SLEEP_WORKER, minThreads: 1, maxThreads: 2 })
      vi.useFakeTimers()
      try {
        const keeper = new HeapFlagKeeper(pool)
        expect(keeper.watching).toBe(true)
        vi.advanceTimersByTime(1_400)
        expect(keeper.watching).toBe(true)
        vi.advanceTimersByTime(200)
        expect(keeper.watching).toBe(false)

        // A grown thread that reports ready stops the timer at once.
        keeper.threadStarting()
        expect(keeper.watching).toBe(true)
        pool.emit('workerCreate')
        expect(keeper.watching).toBe(false)

        // One that never does (it died while starting) is given up on after 3 s.
        keeper.threadStarting()
        vi.advanceTimersByTime(2_900)
        expect(keeper.watching).toBe(true)
        vi.advanceTimersByTime(200)
        expect(keeper.watching).toBe(false)
        keeper.dispose()
      } finally {
        vi.useRealTimers()
        await pool.destroy()
      }
    })
  })
})
