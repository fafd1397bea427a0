/**
 * Lines held while the audio player restarts after a crash, in playing order, for a bounded time:
 * when the restart does not come in time, `expire` gets them all (the device is taken to be gone).
 */
export class RestartWait<T> {
  #lines: T[] = []
  #timer: NodeJS.Timeout | undefined
  #active = false

  /** Whether a restart is expected (lines asked for now should wait for it). */
  get active(): boolean {
    return this.#active
  }

  get size(): number {
    return this.#lines.length
  }

  begin(waitMs: number, expire: (lines: T[]) => void): void {
    if (this.#active) return
    this.#active = true
    this.#timer = setTimeout(() => {
      this.end()
      expire(this.take())
    }, waitMs)
    this.#timer.unref()
  }

  /** The restart came (or will not be waited for): stop the clock; the lines stay until taken. */
  end(): void {
    this.#active = false
    clearTimeout(this.#timer)
  }

  /** Lines that were playing or sent go first, ahead of those asked for since. */
  holdFirst(lines: T[]): void {
    this.#lines = [...lines, ...this.#lines]
  }

  push(line: T): void {
    this.#lines.push(line)
  }

  shift(): T | undefined {
    return this.#lines.shift()
  }

  take(): T[] {
    return this.#lines.splice(0)
  }
}
