import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPiscinaExecutor, type PiscinaExecutor } from './piscina-executor'
import { DynamicThreadPool } from './dynamic-thread-pool'

const SLEEP_WORKER = join(__dirname, 'testing', 'sleep-worker.js')
type Task = { id: number; ms: number; started?: Int32Array }
type Result = { id: number; threadId: number }

let executor: PiscinaExecutor<Task, Result> | undefined
afterEach(async () => {
  await executor?.destroy()
  executor = undefined
})

function makePool(bounds: { min: number; max: number }, backlog: () => number) {
  executor = createPiscinaExecutor<Task, Result>(SLEEP_WORKER)
  const exec = executor
  return new DynamicThreadPool<Task, Result>({
    name: 'test',
    bounds: () => bounds,
    backlog,
    execute: (t) => exec.execute(t),
    threads: () => exec.threads(),
    intervalMs: () => 1_000_000,
    retries: 1
  })
}

describe('DynamicThreadPool on real piscina threads', () => {
  it('resizing under load completes every task exactly once', async () => {
    const pool: DynamicThreadPool<Task, Result> = makePool(
      { min: 1, max: 4 },
      () => pool.gate.waiting
    )
    const total = 300
    const runs: Promise<Result>[] = []
    for (let id = 0; id < total; id++) runs.push(pool.run({ id, ms: 1 + (id % 3) }))
    // Drive the policy by hand: grow under the backlog, then shrink as it drains.
    const sizes = new Set<number>()
    const sampler = setInterval(() => {
      pool.sample()
      sizes.add(pool.gate.limit)
    }, 5)
    const results = await Promise.all(runs)
    clearInterval(sampler)
    for (let i = 0; i < 40; i++) pool.sample()
    const ids = results.map((r) => r.id).sort((a, b) => a - b)
    expect(ids).toEqual(Array.from({ length: total }, (_, i) => i))
    expect(new Set(ids).size).toBe(total)
    expect(Math.max(...sizes)).toBeGreaterThan(1)
    expect(pool.gate.limit).toBe(1)
    const status = pool.status()
    expect(status.completed).toBe(total)
    expect(status.failed).toBe(0)
    expect(status.totalResizes).toBeGreaterThanOrEqual(2)
    expect(status.resizes.some((r) => r.reason.includes('grow'))).toBe(true)
    expect(status.resizes.some((r) => r.reason.includes('shrink'))).toBe(true)
    expect(new Set(results.map((r) => r.threadId)).size).toBeGreaterThan(1)
  })

  it('a worker killed mid-task: the task is retried on a new thread and completes once', async () => {
    const pool = makePool({ min: 1, max: 1 }, () => 0)
    const started = new Int32Array(new SharedArrayBuffer(4))
    const run = pool.run({ id: 7, ms: 2000, started })
    const exec = executor!
    await vi.waitFor(() => expect(Atomics.load(started, 0), 'worker started').not.toBe(0), 5000)
    // Kill every live thread, so whichever runs the task dies mid-task.
    const victims = [...exec.pool.threads]
    const victimIds = victims.map((t) => t.threadId)
    await Promise.all(victims.map((t) => t.terminate()))
    const result = await run
    expect(result.id).toBe(7)
    expect(victimIds).not.toContain(result.threadId)
    expect(pool.status()).toMatchObject({ completed: 1, retried: 1, failed: 0 })
  })

  it('a task that keeps failing is reported, not lost', async () => {
    let calls = 0
    const pool = new DynamicThreadPool<Task, Result>({
      name: 'failing',
      bounds: () => ({ min: 1, max: 2 }),
      backlog: () => 0,
      intervalMs: () => 1_000_000,
      execute: async () => {
        calls++
        throw new Error('boom')
      },
      retries: 1
    })
    await expect(pool.run({ id: 1, ms: 0 })).rejects.toThrow('boom')
    expect(calls).toBe(2)
    expect(pool.status()).toMatchObject({ failed: 1, retried: 1, completed: 0 })
  })

  it('applies changed bounds at once and records why', () => {
    const bounds = { min: 1, max: 4 }
    const pool = new DynamicThreadPool<Task, Result>({
      name: 'b',
      bounds: () => bounds,
      backlog: () => 0,
      intervalMs: () => 1000,
      execute: async (t) => ({ id: t.id, threadId: 0 })
    })
    bounds.min = 3
    pool.applyBounds()
    expect(pool.status()).toMatchObject({
      size: 3,
      min: 3,
      totalResizes: 1,
      resizes: [{ from: 1, to: 3, reason: 'bounds 3–4' }]
    })
  })

  it('pauseWhenIdle: sampling stops while idle at the minimum and resumes with the next task', async () => {
    vi.useFakeTimers()
    try {
      let samples = 0
      let finish: (() => void) | undefined
      const pool = new DynamicThreadPool<number, number>({
        name: 'paused',
        bounds: () => ({ min: 1, max: 2 }),
        backlog: () => {
          samples++
          return 0
        },
        execute: (n) => new Promise<number>((resolve) => (finish = () => resolve(n))),
        intervalMs: () => 500,
        pauseWhenIdle: true
      })
      pool.start()
      vi.advanceTimersByTime(500)
      expect(samples).toBe(1)
      // Idle at its minimum: no timer is left to wake the process.
      expect(vi.getTimerCount()).toBe(0)
      vi.advanceTimersByTime(5000)
      expect(samples).toBe(1)

      // A task resumes sampling; it keeps sampling while the task runs.
      const result = pool.run(7)
      expect(vi.getTimerCount()).toBe(1)
      vi.advanceTimersByTime(1000)
      expect(samples).toBe(3)
      await vi.waitFor(() => expect(finish).toBeDefined())
      finish!()
      expect(await result).toBe(7)
      vi.advanceTimersByTime(500)
      expect(samples).toBe(4)
      expect(vi.getTimerCount()).toBe(0)
      pool.stop()
    } finally {
      vi.useRealTimers()
    }
  })
})
