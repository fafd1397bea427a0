import type { Piscina } from 'piscina'
import { tuneHeap } from '../heap-flags'

/** How often the flags are put back while a thread starts. */
const EVERY_MS = 2
/** Longest a start is watched: a thread that dies while starting never reports ready. */
const AT_MOST_MS = 3000
/**
 * Threads made with the pool report ready at once (piscina does not wait for them), so they are
 * watched for a fixed time instead: their start takes ~0.1-0.3 s, up to ~1 s on a loaded machine.
 */
const FIRST_THREADS_MS = 1500

/**
 * Keeps the process's V8 heap flags (heap-flags.ts) while a pool thread starts.
 *
 * V8 sets the process-wide --semi-space-growth-factor back to 2 while a new thread's isolate is set
 * up, and the thread's entry puts it back only once its modules load. Meanwhile each young-generation
 * collection on the main thread may double the main thread's new space, which its RSS then keeps:
 * allocating during one thread start grew it from 2 to 16 MB (measured), and a 200k-chat flood,
 * which starts a second processing thread, ended with main at 130-155 MB instead of ~125.
 * So while a thread starts the flags are put back every EVERY_MS. Threads start only with the pool
 * and when it grows or replaces one, so the timer is not running otherwise.
 */
export class HeapFlagKeeper {
  #timer: NodeJS.Timeout | undefined
  /** Threads made by a growing pool and not yet ready. */
  #starting = 0
  #readyBy = 0
  #fixedUntil = 0

  constructor(pool: Piscina) {
    // piscina reports a grown pool's thread once it is ready: its entry has put the flags back.
    pool.on('workerCreate', () => {
      this.#starting = Math.max(0, this.#starting - 1)
      this.#maybeStop()
    })
    if (pool.threads.length > 0) {
      this.#fixedUntil = Date.now() + FIRST_THREADS_MS
      this.#watch()
    }
  }

  /** A growing pool has just made a thread (its isolate is being set up now). */
  threadStarting(): void {
    this.#starting++
    this.#readyBy = Date.now() + AT_MOST_MS
    this.#watch()
  }

  get watching(): boolean {
    return this.#timer !== undefined
  }

  #watch(): void {
    tuneHeap()
    this.#timer ??= setInterval(() => {
      tuneHeap()
      this.#maybeStop()
    }, EVERY_MS).unref()
  }

  #maybeStop(): void {
    const now = Date.now()
    if ((this.#starting > 0 && now <= this.#readyBy) || now <= this.#fixedUntil) return
    this.dispose()
  }

  dispose(): void {
    this.#starting = 0
    this.#fixedUntil = 0
    if (!this.#timer) return
    clearInterval(this.#timer)
    this.#timer = undefined
    tuneHeap()
  }
}
