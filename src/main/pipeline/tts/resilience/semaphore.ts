/**
 * A concurrency gate: at most `limit` holders at once, the rest wait in FIFO order. A waiter whose
 * signal fires leaves the line; `dispose()` rejects every waiter.
 */
export class Semaphore {
  #active = 0
  readonly #waiters: { grant: () => void; fail: (err: unknown) => void }[] = []
  #disposed = false

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('limit must be a positive integer')
  }

  get active(): number {
    return this.#active
  }

  get waiting(): number {
    return this.#waiters.length
  }

  /** Resolves with a release function (idempotent) once a slot is free. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.#disposed) return Promise.reject(new Error('semaphore disposed'))
    if (signal?.aborted) return Promise.reject(signal.reason)
    if (this.#active < this.limit) {
      this.#active++
      return Promise.resolve(this.#releaser())
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve(this.#releaser())
        },
        fail: (err: unknown) => {
          signal?.removeEventListener('abort', onAbort)
          reject(err)
        }
      }
      const onAbort = () => {
        const at = this.#waiters.indexOf(waiter)
        if (at >= 0) this.#waiters.splice(at, 1)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiters.push(waiter)
    })
  }

  dispose(): void {
    this.#disposed = true
    for (const waiter of this.#waiters.splice(0)) waiter.fail(new Error('semaphore disposed'))
  }

  #releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.#waiters.shift()
      // The slot passes straight to the next waiter, so `active` never dips and lets a newcomer jump the line.
      if (next) next.grant()
      else this.#active--
    }
  }
}
