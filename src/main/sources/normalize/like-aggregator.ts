import type { IDisposable } from '../../../shared/lifecycle'
import type { LiveEvent } from '../../../shared/events'
import type { Clock } from '../../../shared/clock'
import { userKey } from './masked'

interface Pending {
  first: LiveEvent
  count: number
  total: number | undefined
  ts: number
  timer: IDisposable
}

/**
 * Likes arrive in small batches, many per second. This sums them per user over a window and emits
 * one `like` event per user per window (count = sum, total = the latest room total).
 */
export class LikeAggregator implements IDisposable {
  /** Like messages folded into an earlier one. */
  merged = 0
  #pending = new Map<string, Pending>()

  constructor(
    readonly windowMs: number,
    readonly clock: Clock,
    readonly emit: (event: LiveEvent) => void
  ) {}

  push(event: LiveEvent): void {
    if (this.windowMs <= 0) {
      this.emit(event)
      return
    }
    const key = userKey(event.user)
    const count = event.count ?? 1
    const open = this.#pending.get(key)
    if (open !== undefined) {
      this.merged++
      open.count += count
      if (event.total !== undefined) open.total = Math.max(open.total ?? 0, event.total)
      open.ts = event.ts
      return
    }
    const pending: Pending = {
      first: event,
      count,
      total: event.total,
      ts: event.ts,
      timer: NO_TIMER
    }
    pending.timer = this.clock.setTimeout(() => this.#close(key), this.windowMs)
    this.#pending.set(key, pending)
  }

  /** Emits every open window now. */
  flush(): void {
    for (const key of [...this.#pending.keys()]) this.#close(key)
  }

  dispose(): void {
    for (const p of this.#pending.values()) p.timer.dispose()
    this.#pending.clear()
  }

  #close(key: string): void {
    const p = this.#pending.get(key)
    if (p === undefined) return
    p.timer.dispose()
    this.#pending.delete(key)
    const out: LiveEvent = { ...p.first, ts: p.ts, count: p.count }
    if (p.total !== undefined) out.total = p.total
    this.emit(out)
  }
}

const NO_TIMER: IDisposable = { dispose() {} }
