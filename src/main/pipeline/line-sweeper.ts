import type { IDisposable } from '../../shared/lifecycle'

/**
 * Runs the pipeline's periodic sweep (stale lines out, the backlog to the load shedder) every
 * `intervalMs`, but only while there is something to sweep: when a sweep reports nothing left
 * (no line waits, speech at full level) the timer stops, so an idle or speech-off session has no
 * timer waking the process; `wake()` (a line was added) starts it again.
 */
export class LineSweeper implements IDisposable {
  #timer: NodeJS.Timeout | undefined
  #running = false

  constructor(
    /** One sweep; returns whether there is still something to sweep later. */
    private readonly sweep: () => boolean,
    readonly intervalMs = 250
  ) {}

  /** Whether the timer is running (tests, status). */
  get ticking(): boolean {
    return this.#timer !== undefined
  }

  start(): void {
    this.#running = true
    this.wake()
  }

  /** Something may need sweeping: makes sure the timer runs (no-op while it does). */
  wake(): void {
    if (!this.#running || this.#timer) return
    this.#timer = setInterval(() => {
      if (!this.sweep()) this.#halt()
    }, this.intervalMs)
    this.#timer.unref()
  }

  stop(): void {
    this.#running = false
    this.#halt()
  }

  dispose(): void {
    this.stop()
  }

  #halt(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }
}
