import type { IDisposable } from '../../shared/lifecycle'

interface Waiter {
  grant(): void
  fail(err: unknown): void
}

/**
 * The one concurrency limiter: at most `limit` holders at once, the rest wait in FIFO order.
 * The limit is adjustable: raising it starts waiting tasks at once; lowering it lets running tasks
 * finish and holds new ones back. Tasks wait here, in our own FIFO, never inside piscina: that is
 * what keeps resizing exact (platform-notes.md, piscina 5). A waiter whose signal fires leaves the
 * line; `dispose()` rejects every waiter. (p-queue does the same with a dependency and a task
 * queue we do not need; this is ~100 lines we test directly.)
 */
export class ConcurrencyGate implements IDisposable {
  #limit: number
  #active = 0
  readonly #waiting: Waiter[] = []
  #disposed = false

  constructor(limit: number) {
    this.#limit = checkLimit(limit)
  }

  get limit(): number {
    return this.#limit
  }

  set limit(value: number) {
    this.#limit = checkLimit(value)
    this.#pump()
  }

  get active(): number {
    return this.#active
  }

  get waiting(): number {
    return this.#waiting.length
  }

  /** Runs `task` once a slot is free, releasing the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = this.#tryTake() ?? (await this.acquire())
    try {
      return await task()
    } finally {
      release()
    }
  }

  /** Resolves with a release function (idempotent) once a slot is free. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.#disposed) return Promise.reject(new Error('concurrency gate disposed'))
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    const release = this.#tryTake()
    if (release) return Promise.resolve(release)
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve(this.#releaser())
        },
        fail: (err) => {
          signal?.removeEventListener('abort', onAbort)
          reject(err)
        }
      }
      const onAbort = () => {
        const at = this.#waiting.indexOf(waiter)
        if (at >= 0) this.#waiting.splice(at, 1)
        reject(signal?.reason as Error)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiting.push(waiter)
    })
  }

  dispose(): void {
    this.#disposed = true
    for (const waiter of this.#waiting.splice(0))
      waiter.fail(new Error('concurrency gate disposed'))
  }

  /** A slot now, synchronously, if one is free and nobody waits ahead. */
  #tryTake(): (() => void) | undefined {
    if (this.#disposed || this.#active >= this.#limit || this.#waiting.length > 0) return undefined
    this.#active++
    return this.#releaser()
  }

  #releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      this.#active--
      this.#pump()
    }
  }

  /** Hands free slots to waiters, in order; `active` counts a slot from the moment it is given. */
  #pump(): void {
    while (this.#active < this.#limit && this.#waiting.length > 0) {
      this.#active++
      this.#waiting.shift()!.grant()
    }
  }
}

function checkLimit(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`Expected concurrency limit to be an integer from 1 and up, got ${value}`)
  }
  return value
}
