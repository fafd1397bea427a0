import { Piscina } from 'piscina'
import { POOL_CEILING } from '../../shared/settings'
import { HeapFlagKeeper } from './heap-flag-keeper'
import { TaskError } from './task-error'

export interface PiscinaExecutor<TTask, TResult> {
  execute(task: TTask): Promise<TResult>
  threads(): number
  /** The live piscina pool; a new one after a takeover (tests kill its threads mid-task). */
  readonly pool: Piscina
  destroy(): Promise<void>
}

/**
 * Young generation of each worker thread. Node's default lets a worker's new space grow to 32 MB
 * (two 16 MB semi-spaces), which a 200k-chat flood fills in every thread although what a worker
 * keeps alive is ~4 MB (one batch or one clip at a time). 4 MB: bench/memory.ts flood peak and
 * bench/ingest.ts CPU per event measured before/after (see the commit that set it).
 */
export const WORKER_YOUNG_GENERATION_MB = 4

/**
 * A piscina pool built once at the ceiling. Threads start on demand and exit after `idleTimeout`,
 * so the live thread count follows the gate in front of it (piscina has no thread-count setters).
 *
 * Once a thread dies before it is ready, piscina starts no thread again, and the tasks it holds
 * queued would wait forever (no error, so nobody retries them). Then a fresh pool takes over: the
 * old one is closed, which refuses what it queued, and those tasks run again on the new one.
 */
export function createPiscinaExecutor<TTask, TResult>(
  filename: string,
  /** minThreads 0: no thread is kept once idle (a pool used only in floods). */
  options: { minThreads?: number } = {}
): PiscinaExecutor<TTask, TResult> {
  let destroying = false
  let keeper: HeapFlagKeeper | undefined
  const build = (): Piscina => {
    const built = new Piscina({
      filename,
      name: 'default',
      minThreads: options.minThreads ?? 1,
      maxThreads: POOL_CEILING,
      idleTimeout: 3000,
      // The gate holds the real queue; this bound only catches a bug that bypasses it.
      maxQueue: POOL_CEILING * POOL_CEILING,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB }
    })
    keeper?.dispose()
    keeper = new HeapFlagKeeper(built)
    built.on('workerDestroy', () =>
      setImmediate(() => {
        const stuck = built.threads.length === 0 && built.queueSize > 0
        if (!stuck || destroying || pool !== built) return
        pool = build()
        built.close({ force: true }).catch(() => undefined)
      })
    )
    return built
  }
  let pool = build()
  const execute = (task: TTask, retried = false): Promise<TResult> => {
    const ranOn = pool
    const threads = ranOn.threads.length
    const running = ranOn.run(task) as Promise<TResult>
    // piscina makes a thread inside run() when the pool must grow.
    if (ranOn.threads.length > threads) keeper?.threadStarting()
    return running.catch((err: unknown) => {
      // Refused by a pool that was replaced while the task waited in its queue: run it again.
      if (ranOn !== pool && !destroying && !retried) return execute(task, true)
      throw piscinaFailure(err, destroying)
    })
  }
  return {
    get pool() {
      return pool
    },
    execute: (task) => execute(task),
    threads: () => pool.threads.length,
    async destroy() {
      destroying = true
      keeper?.dispose()
      await pool.destroy()
    }
  }
}

/**
 * piscina's own failures as coded TaskErrors; the task's own errors pass through unchanged.
 * piscina gives its errors no code or class (its `Errors` are bare `new Error(text)`), so this
 * adapter is the one place that knows its two texts for a lost worker; everything after it
 * branches on `code`. A failure while we destroy the pool is `stopped`, whatever it says.
 */
function piscinaFailure(err: unknown, destroying: boolean): unknown {
  if (!(err instanceof Error) || err instanceof TaskError) return err
  if (destroying) return new TaskError('stopped', err.message, { cause: err })
  const lost = err.message === 'Terminating worker thread' || WORKER_EXIT.test(err.message)
  return lost ? new TaskError('worker-killed', err.message, { cause: err }) : err
}

/** piscina's text when a worker thread exits under a task (`worker exited with code: 1`). */
const WORKER_EXIT = /^worker exited with code: /
