import type { Clock } from '../../shared/clock'
import type { IDisposable } from '../../shared/lifecycle'

interface Timer {
  id: number
  due: number
  fn: () => void
}

/** Lets pending promise callbacks run (one macrotask turn drains every microtask). */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * The manual twin of the real clock (src/shared/clock.ts): time moves only when told, so
 * timeouts, backoff, cool-downs and aggregation windows become exact and instant. Timers due at
 * the same time fire in the order they were set.
 */
export class ManualClock implements Clock {
  #now: number
  #nextId = 1
  readonly #timers = new Map<number, Timer>()

  constructor(start = 0) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  setTimeout(fn: () => void, ms: number): IDisposable {
    const timer = { id: this.#nextId++, due: this.#now + Math.max(0, ms), fn }
    this.#timers.set(timer.id, timer)
    return { dispose: () => this.#timers.delete(timer.id) }
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.#timers.size
  }

  /** Moves time forward by `ms`, firing due timers in order and letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms
    await flushPromises()
    for (;;) {
      const next = this.#earliest()
      if (!next || next.due > target) break
      this.#timers.delete(next.id)
      this.#now = next.due
      next.fn()
      await flushPromises()
    }
    this.#now = target
    await flushPromises()
  }

  /** Fires timers one at a time until `promise` settles; throws if it cannot settle (no timers left). */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false
    const watched = promise.finally(() => {
      settled = true
    })
    watched.catch(() => {})
    await flushPromises()
    while (!settled) {
      const next = this.#earliest()
      if (!next)
        throw new Error(
          'ManualClock.run: the promise is still pending and no timer is left to fire'
        )
      await this.advance(next.due - this.#now)
    }
    return watched
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined
    for (const t of this.#timers.values())
      if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t
    return best
  }
}
