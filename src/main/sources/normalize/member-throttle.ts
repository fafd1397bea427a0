import type { LiveEvent } from '../../../shared/events'
import type { Clock } from '../../../shared/clock'
import { userKey } from './masked'

/** Room-wide and per-viewer windows. */
export interface MemberThrottleOptions {
  /** At most one member-enter event per this many ms, room-wide (big rooms enter dozens a second). @default 3000 */
  intervalMs: number
  /** The same viewer re-entering within this window is not announced again. @default 60000 */
  repeatMs: number
}

/** Lets a trickle of member-enter events through and drops the flood. Stateless apart from times. */
export class MemberThrottle {
  /** Member events dropped. */
  dropped = 0
  #lastPassed = -Infinity
  #seen = new Map<string, number>()

  constructor(
    readonly options: MemberThrottleOptions,
    readonly clock: Clock
  ) {}

  /** True when the event should be emitted. */
  admit(event: LiveEvent): boolean {
    const now = this.clock.now()
    const key = userKey(event.user)
    const seenAt = this.#seen.get(key)
    if (seenAt !== undefined && now - seenAt < this.options.repeatMs) {
      this.dropped++
      return false
    }
    if (now - this.#lastPassed < this.options.intervalMs) {
      this.dropped++
      return false
    }
    this.#lastPassed = now
    this.#seen.delete(key)
    this.#seen.set(key, now)
    this.#prune(now)
    return true
  }

  #prune(now: number): void {
    // Map keeps insertion order = time order (re-inserted above), so stop at the first fresh entry.
    for (const [key, at] of this.#seen) {
      if (now - at < this.options.repeatMs) break
      this.#seen.delete(key)
    }
  }
}
