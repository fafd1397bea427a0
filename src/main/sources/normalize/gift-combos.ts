import type { IDisposable } from '../../../shared/lifecycle'
import type { LiveEvent } from '../../../shared/events'
import type { Clock } from '../../../shared/clock'
import { ExpiringMap } from '../../../shared/expiring-map'
import { userKey } from './masked'
import { toLiveEvent, type SourceEvent } from './source-event'

/** Combo timers. */
export interface GiftComboOptions {
  /** A combo with no news for this long is over (large gifts often never send `repeat_end`). @default 4000 */
  idleMs: number
  /** How long a finished combo's key keeps swallowing late duplicates and end summaries. @default 30000 */
  finishedTtlMs: number
}

/** What the tracker folded or dropped. */
export interface GiftComboCounters {
  /** Gift messages folded into a combo that was announced once. */
  merged: number
  /** Messages for a combo that was already announced (late duplicates, end summaries). */
  late: number
}

interface OpenCombo {
  first: SourceEvent
  last: SourceEvent
  /** Highest cumulative count seen. */
  max: number
  /** Running sum of increments, for sources that only send increments. */
  sum: number
  /** Some message carried a cumulative count: trust `max` (duplicates then cannot inflate it). */
  hasTotal: boolean
  timer: IDisposable
}

/**
 * Announces each gift combo exactly once, with its final count (douyin-protocol.md §4).
 * Key = user + gift + group id, so interleaved users and gifts never mix.
 */
export class GiftComboTracker implements IDisposable {
  readonly counters: GiftComboCounters = { merged: 0, late: 0 }
  #open = new Map<string, OpenCombo>()
  /** key → when it stops swallowing (the write time is that deadline, so expiry is O(1)). */
  #finished = new ExpiringMap<string, true>()

  constructor(
    readonly options: GiftComboOptions,
    readonly clock: Clock,
    readonly emit: (event: LiveEvent) => void
  ) {}

  push(event: SourceEvent): void {
    const hint = event.combo
    const gift = event.gift
    if (hint === undefined || gift === undefined) {
      if (event.gift !== undefined) this.emit(toLiveEvent(event))
      return
    }
    const key = `${userKey(event.user)}|${gift.id}|${hint.groupId}`
    const now = this.clock.now()
    this.#sweepFinished(now)
    const finishedUntil = this.#finished.get(key)
    // Without a group id there is no combo identity: only an end summary can be a late repeat.
    if (finishedUntil !== undefined && (hint.groupId !== '0' || hint.end)) {
      this.counters.late++
      return
    }
    const open = this.#open.get(key)
    const count = countOf(event, open)
    if (open === undefined && !hint.comboable && !hint.end) {
      this.#finish(key, event, event, count)
      return
    }
    const hasTotal = hint.total !== undefined && hint.total > 0
    if (open === undefined) {
      const combo: OpenCombo = {
        first: event,
        last: event,
        max: count,
        sum: count,
        hasTotal,
        timer: NO_TIMER
      }
      this.#open.set(key, combo)
      this.#afterUpdate(key, combo, hint.end)
      return
    }
    this.counters.merged++
    open.last = event
    open.max = Math.max(open.max, count)
    open.sum = hint.increment !== undefined ? open.sum + hint.increment : open.max
    open.hasTotal ||= hasTotal
    this.#afterUpdate(key, open, hint.end)
  }

  /** Announces every open combo now (stream end, source stopped). */
  flush(): void {
    for (const [key, combo] of [...this.#open]) this.#close(key, combo)
  }

  get openCount(): number {
    return this.#open.size
  }

  /** Drops open combos without announcing them and cancels their timers. */
  dispose(): void {
    for (const combo of this.#open.values()) combo.timer.dispose()
    this.#open.clear()
    this.#finished.clear()
  }

  #afterUpdate(key: string, combo: OpenCombo, end: boolean): void {
    combo.timer.dispose()
    if (end) {
      this.#close(key, combo)
      return
    }
    combo.timer = this.clock.setTimeout(() => this.#close(key, combo), this.options.idleMs)
  }

  #close(key: string, combo: OpenCombo): void {
    combo.timer.dispose()
    this.#open.delete(key)
    this.#finish(
      key,
      combo.first,
      combo.last,
      combo.hasTotal ? combo.max : Math.max(combo.max, combo.sum)
    )
  }

  #finish(key: string, first: SourceEvent, last: SourceEvent, count: number): void {
    this.#finished.set(key, true, this.clock.now() + this.options.finishedTtlMs)
    const out = toLiveEvent(first)
    const gift = { ...first.gift!, count: Math.max(1, count) }
    // The last message may carry the name or price when the first did not.
    if (gift.name === '' && last.gift !== undefined) gift.name = last.gift.name
    if (gift.diamonds === undefined && last.gift?.diamonds !== undefined)
      gift.diamonds = last.gift.diamonds
    this.emit({ ...out, ts: last.ts, gift })
  }

  #sweepFinished(now: number): void {
    this.#finished.expire(now)
  }
}

const NO_TIMER: IDisposable = { dispose() {} }

/** Cumulative count this message reports: `total`, else running sum of increments, else the gift count. */
function countOf(event: SourceEvent, open: OpenCombo | undefined): number {
  const hint = event.combo!
  if (hint.total !== undefined && hint.total > 0) return hint.total
  if (hint.increment !== undefined) return (open?.sum ?? 0) + hint.increment
  return event.gift!.count
}
