import { Piscina } from 'piscina'
import { POOL_CEILING } from '../../shared/settings'

export interface PiscinaExecutor<TTask, TResult> {
  execute(task: TTask): Promise<TResult>
  threads(): number
  /** The live worker threads (tests use this to kill one mid-task). */
  readonly pool: Piscina
  destroy(): Promise<void>
}

/**
 * A piscina pool built once at the ceiling. Threads start on demand and exit after `idleTimeout`,
 * so the live thread count follows the gate in front of it (piscina has no thread-count setters).
 */
export function createPiscinaExecutor<TTask, TResult>(
  filename: string,
  /** minThreads 0: no thread is kept once idle (a pool used only in floods). */
  options: { minThreads?: number } = {}
): PiscinaExecutor<TTask, TResult> {
  const pool = new Piscina({
    filename,
    name: 'default',
    minThreads: options.minThreads ?? 1,
    maxThreads: POOL_CEILING,
    idleTimeout: 3000,
    // The gate holds the real queue; this bound only catches a bug that bypasses it.
    maxQueue: POOL_CEILING * POOL_CEILING
  })
  return {
    pool,
    execute: (task) => pool.run(task) as Promise<TResult>,
    threads: () => pool.threads.length,
    async destroy() {
      await pool.destroy()
    }
  }
}
