/**
 * How an idle audio player's process is shut down (parked) and brought back: the idle clock (`arm`
 * when nothing is left to play, `cancel` when a line is sent; `ms` 0 never parks), whether the
 * player is parked, and the start that wakes it once the parked process has exited.
 */
export class PlayerParking {
  #timer: NodeJS.Timeout | undefined
  #parked = false
  #waking: Promise<void> | undefined
  #exited: Promise<void> = Promise.resolve()

  constructor(private readonly ms: number) {}

  get parked(): boolean {
    return this.#parked
  }

  /** Resolves when the parked process has exited (its output closed: a WAV is then complete). */
  get exited(): Promise<void> {
    return this.#exited
  }

  /** `ms` overrides the idle time for this once (a start with nothing to play). */
  arm(park: () => void, ms = this.ms): void {
    this.cancel()
    if (this.ms <= 0) return
    this.#timer = setTimeout(park, ms)
    this.#timer.unref()
  }

  cancel(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  /** Parked: its process resolves `exit` when gone (none: there is no process to wait for). */
  park(exit: Promise<void> = Promise.resolve()): void {
    this.#parked = true
    this.#exited = exit
  }

  /** Not parked any more (a start, a stop, disposal). */
  unpark(): void {
    this.#parked = false
  }

  /**
   * Starts the parked player again, once its process is gone (two never write one recording), and
   * only if it is still parked then (not stopped meanwhile). False when it is not parked or is
   * already waking. A start that fails goes to `failed`.
   */
  wake(start: () => Promise<void>, failed: (err: Error) => void): boolean {
    if (!this.#parked || this.#waking) return false
    this.#waking = this.#exited
      .then(() => (this.#parked ? start() : undefined))
      .catch(failed)
      .finally(() => (this.#waking = undefined))
    return true
  }
}
