import { Disposable } from '../../../shared/lifecycle'
import type { LiveEvent } from '../../../shared/events'
import { realClock, type Clock } from '../../../shared/clock'
import { GiftComboTracker } from './gift-combos'
import { IdWindow } from './id-window'
import { LikeAggregator } from './like-aggregator'
import { flagMasked } from './masked'
import { MemberThrottle } from './member-throttle'
import { toLiveEvent, type SourceEvent } from './source-event'

/** Aggregation windows must not keep a finished process alive. */
const windowClock = realClock({ unref: true })

/** Windows and limits; every field has a default. */
export interface NormalizeOptions {
  /** @default a real clock whose timers do not keep the process up (a pending combo must not) */
  clock?: Clock
  /** How many recent message ids are remembered for de-duplication. @default 4096 */
  dedupeWindow?: number
  /** Gift combo idle timeout. @default 4000 */
  giftIdleMs?: number
  /** How long a finished combo swallows late duplicates. @default 30000 */
  giftFinishedTtlMs?: number
  /** Likes per user are summed over this window; 0 passes every like through. @default 5000 */
  likeWindowMs?: number
  /** Room-wide minimum gap between member-enter events. @default 3000 */
  memberIntervalMs?: number
  /** Same viewer re-entering within this window is dropped. @default 60000 */
  memberRepeatMs?: number
}

/** What the normaliser did, for the status panel. */
export interface NormalizeCounters {
  duplicates: number
  giftsMerged: number
  giftsLate: number
  likesMerged: number
  membersDropped: number
}

/**
 * Normalisation shared by every source: de-duplication by message id, one gift event per combo,
 * likes summed per user, member-enter throttled, masked nicknames flagged. On `end` it flushes what
 * is pending first, so the last combo is announced before the stream-ended event.
 */
export class EventNormalizer extends Disposable {
  readonly #emit: (event: LiveEvent) => void
  readonly #ids: IdWindow
  readonly #gifts: GiftComboTracker
  readonly #likes: LikeAggregator
  readonly #members: MemberThrottle
  #duplicates = 0
  #disposed = false

  constructor(emit: (event: LiveEvent) => void, options: NormalizeOptions = {}) {
    super()
    const clock = options.clock ?? windowClock
    // Nothing may leave after dispose, even from a timer that raced it.
    this.#emit = (event) => {
      if (!this.#disposed) emit(event)
    }
    this.#ids = new IdWindow(options.dedupeWindow ?? 4096)
    this.#gifts = this._register(
      new GiftComboTracker(
        { idleMs: options.giftIdleMs ?? 4000, finishedTtlMs: options.giftFinishedTtlMs ?? 30_000 },
        clock,
        this.#emit
      )
    )
    this.#likes = this._register(
      new LikeAggregator(options.likeWindowMs ?? 5000, clock, this.#emit)
    )
    this.#members = new MemberThrottle(
      { intervalMs: options.memberIntervalMs ?? 3000, repeatMs: options.memberRepeatMs ?? 60_000 },
      clock
    )
  }

  push(input: SourceEvent): void {
    if (this.#disposed) return
    if (!this.#ids.add(`${input.type}:${input.id}`)) {
      this.#duplicates++
      return
    }
    const event = input.user === undefined ? input : { ...input, user: flagMasked(input.user) }
    switch (event.type) {
      case 'gift':
        this.#gifts.push(event)
        return
      case 'like':
        this.#likes.push(toLiveEvent(event))
        return
      case 'member':
        if (this.#members.admit(event)) this.#emit(toLiveEvent(event))
        return
      case 'end':
        this.flush()
        this.#emit(toLiveEvent(event))
        return
      default:
        this.#emit(toLiveEvent(event))
    }
  }

  /** Emits pending combos and like windows now. */
  flush(): void {
    if (this.#disposed) return
    this.#gifts.flush()
    this.#likes.flush()
  }

  get counters(): NormalizeCounters {
    return {
      duplicates: this.#duplicates,
      giftsMerged: this.#gifts.counters.merged,
      giftsLate: this.#gifts.counters.late,
      likesMerged: this.#likes.merged,
      membersDropped: this.#members.dropped
    }
  }

  /** Drops whatever is pending and cancels every timer. */
  override dispose(): void {
    if (this.#disposed) return
    this.#disposed = true
    super.dispose()
  }
}
