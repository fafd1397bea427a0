import type { SpeechDraft } from '../../../shared/speech'
import { Deque } from '../queues/deque'
import { shouldMerge } from './schedule'

/** Big gifts named in one line at most, when they must share lines. */
const PER_LINE = 3
/** Share of speech time big gifts may take, each on its own line, before they share lines… */
const SHARE = 0.4
/** …and while the other gifts are already past their target. */
const SHARE_WHEN_LATE = 0.25
const WINDOW_MS = 30_000
/** The share is taken over at least this much time, so one early big gift passes. */
const MIN_SPAN_MS = 15_000

/** What the decision needs to know about the rest of the plan. */
export interface BigGiftContext {
  /** The gift type's acknowledgement target, ms. */
  targetMs: number
  lineMs: number
  /** The other gifts are past their own target. */
  giftsLate: boolean
  /** Anything else waits to be spoken. */
  othersWait: boolean
}

/**
 * Big gifts (a gift tier marked big) go ahead of everything waiting, each named on its own line,
 * while they take less than SHARE of the recent speech. Beyond that (a room raining big gifts),
 * they share lines, up to PER_LINE at once, gathered until a line is full or the oldest would
 * otherwise miss 1.5× its target, so gifts and follows still get their turn.
 */
export class BigGifts {
  readonly #queue = new Deque<SpeechDraft>()
  /** Big-gift lines of the recent past, for their share of speech time. */
  readonly #spoken: { at: number; ms: number }[] = []

  constructor(private readonly startedAt: number) {}

  get size(): number {
    return this.#queue.size
  }

  push(draft: SpeechDraft): void {
    this.#queue.push(draft)
  }

  [Symbol.iterator](): IterableIterator<SpeechDraft> {
    return this.#queue[Symbol.iterator]()
  }

  /** The big gifts to speak now (one, or several sharing a line), or none yet. */
  next(now: number, ctx: BigGiftContext): SpeechDraft[] | undefined {
    const oldest = this.#queue.peek()
    if (!oldest) return undefined
    const backlog = {
      type: 'gift' as const,
      count: this.#queue.size,
      waitedMs: now - oldest.receivedAt,
      targetMs: ctx.targetMs,
      weight: 1,
      priority: 0
    }
    const span = Math.max(MIN_SPAN_MS, Math.min(WINDOW_MS, now - this.startedAt))
    const share = ctx.giftsLate ? SHARE_WHEN_LATE : SHARE
    const overBudget = this.#spokenMs(now) > share * span
    // Gathering only makes room for others: with nothing else waiting, speak now.
    const gatherMs = 1.5 * ctx.targetMs - 2 * ctx.lineMs
    if (ctx.othersWait && overBudget && this.#queue.size < PER_LINE && backlog.waitedMs < gatherMs)
      return undefined
    const take = overBudget || shouldMerge(backlog, 1, ctx.lineMs) ? PER_LINE : 1
    const drafts: SpeechDraft[] = []
    while (drafts.length < take && this.#queue.size > 0) drafts.push(this.#queue.shift()!)
    return drafts
  }

  /** A big-gift line of `ms` went out at `at` (counts against the share). */
  spoke(at: number, ms: number): void {
    this.#spoken.push({ at, ms })
  }

  /** Removes and returns the big gifts older than `freshnessMs`. */
  dropStale(now: number, freshnessMs: number): SpeechDraft[] {
    const stale: SpeechDraft[] = []
    while (this.#queue.size > 0 && this.#queue.peek()!.receivedAt + freshnessMs < now)
      stale.push(this.#queue.shift()!)
    return stale
  }

  /** Removes every big gift, or only one room's. */
  clear(room?: string): SpeechDraft[] {
    return room === undefined
      ? this.#queue.clear()
      : this.#queue.removeAll((d) => d.roomId === room)
  }

  #spokenMs(now: number): number {
    while (this.#spoken.length > 0 && this.#spoken[0]!.at < now - WINDOW_MS) this.#spoken.shift()
    return this.#spoken.reduce((sum, l) => sum + l.ms, 0)
  }
}
