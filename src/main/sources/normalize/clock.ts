import type { IDisposable } from '../../../shared/lifecycle'

/**
 * Time as the normaliser sees it. Injected so tests can step time by hand instead of waiting;
 * every timer it hands out is disposable.
 */
export interface Clock {
  now(): number
  /** Calls `fn` once after `ms`; disposing the result cancels it. */
  setTimeout(fn: () => void, ms: number): IDisposable
}

/** The real clock: `Date.now()` and unref'd timers (a pending combo must not keep the process up). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms)
    handle.unref?.()
    return { dispose: () => clearTimeout(handle) }
  }
}

/** A clock that only moves when told to. Timers fire in deadline order inside `advance()`. */
export class ManualClock implements Clock {
  #now: number
  #seq = 0
  #timers = new Map<number, { at: number; fn: () => void }>()

  constructor(start = 1_700_000_000_000) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  setTimeout(fn: () => void, ms: number): IDisposable {
    const id = ++this.#seq
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), fn })
    return { dispose: () => this.#timers.delete(id) }
  }

  /** Timers not yet fired or cancelled. */
  get pending(): number {
    return this.#timers.size
  }

  /** Moves time forward by `ms`, firing due timers in order (timers they set are honoured too). */
  advance(ms: number): void {
    const target = this.#now + ms
    for (;;) {
      let nextId: number | undefined
      let nextAt = Infinity
      for (const [id, t] of this.#timers) {
        if (t.at <= target && t.at < nextAt) {
          nextAt = t.at
          nextId = id
        }
      }
      if (nextId === undefined) break
      const timer = this.#timers.get(nextId)!
      this.#timers.delete(nextId)
      this.#now = Math.max(this.#now, timer.at)
      timer.fn()
    }
    this.#now = target
  }
}
