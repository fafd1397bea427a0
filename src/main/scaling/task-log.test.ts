import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DynamicThreadPool } from './dynamic-thread-pool'
import { createPiscinaExecutor, type PiscinaExecutor } from './piscina-executor'
import { stoppedError, TaskError } from './task-error'
import { failureReason, TaskLog } from './task-log'
import { tasksStatus } from './task-view'

const SLEEP_WORKER = join(__dirname, 'testing', 'sleep-worker.js')
type Task = { id: number; ms: number; started?: Int32Array }
type Result = { id: number; threadId: number }

let executor: PiscinaExecutor<Task, Result> | undefined
afterEach(async () => {
  await executor?.destroy()
  executor = undefined
})

describe('TaskLog', () => {
  it('records each attempt through its states and counts them', () => {
    let now = 1000
    const log = new TaskLog('p', () => now, 4)
    const a = log.queued(1, 1)
    expect(log.counts()).toMatchObject({ queued: 1, running: 0 })
    now = 1010
    log.started(a)
    now = 1050
    log.ended(a, 'retried', 'worker-killed')
    const b = log.queued(1, 2)
    log.started(b)
    log.ended(b, 'done')
    log.ended(b, 'failed') // an ended attempt cannot end again
    expect(log.counts()).toEqual({
      queued: 0,
      running: 0,
      done: 1,
      retried: 1,
      failed: 0,
      cancelled: 0
    })
    expect(log.recent(10)).toEqual([
      {
        id: 1,
        pool: 'p',
        attempt: 1,
        state: 'retried',
        queuedAt: 1000,
        startedAt: 1010,
        endedAt: 1050,
        reason: 'worker-killed'
      },
      {
        id: 1,
        pool: 'p',
        attempt: 2,
        state: 'done',
        queuedAt: 1050,
        startedAt: 1050,
        endedAt: 1050
      }
    ])
  })

  it('is a bounded ring: the oldest attempts make room, the totals stay', () => {
    const log = new TaskLog('p', () => 0, 4)
    for (let id = 1; id <= 10; id++) log.ended(log.queued(id, 1), 'done')
    expect(log.recent(100).map((r) => r.id)).toEqual([7, 8, 9, 10])
    expect(log.counts().done).toBe(10)
  })

  it('names failures by code, never by their words', () => {
    expect(failureReason(new TaskError('worker-killed', 'gone'))).toEqual({
      reason: 'worker-killed',
      cancelled: false
    })
    expect(failureReason(stoppedError('processing pool'))).toEqual({
      reason: 'stopped',
      cancelled: true
    })
    expect(failureReason(Object.assign(new Error('x'), { kind: 'http' })).reason).toBe('http')
    // Words alone classify nothing: a task's own error that happens to say "killed" is an error.
    expect(failureReason(new Error('worker was killed; pool is not running')).reason).toBe('error')
    expect(failureReason('what').reason).toBe('error')
  })

  it('merges pools newest last', () => {
    const a = new TaskLog('a', () => 5)
    const b = new TaskLog('b', () => 3)
    a.queued(1, 1)
    b.queued(1, 1)
    const view = tasksStatus([a, b])
    expect(view.recent.map((r) => r.pool)).toEqual(['b', 'a'])
    expect(view.pools.map((p) => [p.pool, p.counts.queued])).toEqual([
      ['a', 1],
      ['b', 1]
    ])
  })
})

describe('task records of a real piscina pool', () => {
  it('a worker killed mid-task: its attempt is retried on a new thread, then done', async () => {
    executor = createPiscinaExecutor<Task, Result>(SLEEP_WORKER)
    const exec = executor
    const pool = new DynamicThreadPool<Task, Result>({
      name: 'test',
      bounds: () => ({ min: 1, max: 1 }),
      backlog: () => 0,
      execute: (t) => exec.execute(t),
      workerOf: (r) => `thread ${r.threadId}`,
      intervalMs: () => 1_000_000,
      retries: 1
    })
    const started = new Int32Array(new SharedArrayBuffer(4))
    const run = pool.run({ id: 1, ms: 2000, started })
    await vi.waitFor(() => expect(Atomics.load(started, 0)).not.toBe(0), 5000)
    const running = pool.tasks.recent(10)
    expect(running).toMatchObject([{ id: 1, attempt: 1, state: 'running' }])
    // The retry must not sleep 2 s again.
    Atomics.store(started, 0, 0)
    await Promise.all(exec.pool.threads.map((t) => t.terminate()))
    const result = await run
    const records = pool.tasks.recent(10)
    expect(records).toMatchObject([
      { id: 1, attempt: 1, state: 'retried', reason: 'worker-killed' },
      { id: 1, attempt: 2, state: 'done', worker: `thread ${result.threadId}` }
    ])
    expect(records[1]!.endedAt).toBeGreaterThanOrEqual(records[1]!.startedAt!)
    expect(pool.tasks.counts()).toMatchObject({ retried: 1, done: 1, running: 0, queued: 0 })
  })

  it('a pool destroyed mid-task: the task fails as stopped (the caller let go), not as a fault', async () => {
    const exec = createPiscinaExecutor<Task, Result>(SLEEP_WORKER)
    const started = new Int32Array(new SharedArrayBuffer(4))
    const run = exec.execute({ id: 1, ms: 5000, started })
    const failed = run.then(
      () => undefined,
      (err: unknown) => err
    )
    await vi.waitFor(() => expect(Atomics.load(started, 0)).not.toBe(0), 5000)
    await exec.destroy()
    const err = await failed
    expect(err).toBeInstanceOf(TaskError)
    expect((err as TaskError).code).toBe('stopped')
    expect(failureReason(err)).toEqual({ reason: 'stopped', cancelled: true })
  })
})
