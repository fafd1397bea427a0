/**
 * Releases results in the order their work was started, whichever finishes first: pool batches
 * can finish out of order (two threads), and in-thread runs finish at once.
 */
export class InOrder<T> {
  #next = 0
  #nextRelease = 0
  readonly #done = new Map<number, T>()

  constructor(private readonly release: (value: T) => void) {}

  /** The sequence number of the next piece of work. */
  take(): number {
    return this.#next++
  }

  /** Work `seq` is done; releases it and every later one already done, in order. */
  complete(seq: number, value: T): void {
    if (seq !== this.#nextRelease) {
      this.#done.set(seq, value)
      return
    }
    this.#nextRelease++
    this.release(value)
    for (
      let next = this.#done.get(this.#nextRelease);
      next !== undefined;
      next = this.#done.get(this.#nextRelease)
    ) {
      this.#done.delete(this.#nextRelease++)
      this.release(next)
    }
  }
}
