import { Emitter } from '../../../shared/emitter'
import { Disposable } from '../../../shared/lifecycle'
import type { LineType, SpeechDraft } from '../../../shared/speech'
import type { LineSource, LinesDropped, SpokenLine } from '../planner/spoken-line'
import { Deque } from './deque'

export interface QueuedSpeech extends SpeechDraft, SpokenLine {
  /** Arrival order in the text queue. */
  seq: number
}

export interface TextQueueLimits {
  /** Lines in all lanes together. */
  capacity: number
  /** Most lines of one type waiting at once. */
  capOf(type: LineType): number
  freshnessMsOf(type: LineType): number
}

/**
 * The plain prioritised text queue (the speech planner switched off): one line per event, one FIFO
 * lane per priority, the highest non-empty lane speaks first.
 * - per-type cap: a type at its cap makes room by dropping its own oldest line (`over-cap`);
 * - total capacity: a line evicts the oldest line of the lowest lane below it (`evicted`), or is
 *   itself dropped when nothing queued is less important (`queue-full`);
 * - freshness: a line past its deadline is dropped as `stale` instead of being spoken.
 */
export class TextQueue extends Disposable implements LineSource {
  /** Sorted by priority, highest first. */
  #lanes: { priority: number; items: Deque<QueuedSpeech> }[] = []
  readonly #byType = new Map<LineType, number>()
  #size = 0
  #seq = 0
  readonly #onDidDrop = this._register(new Emitter<LinesDropped>())
  readonly #onDidChange = this._register(new Emitter<void>())
  readonly onDidDrop = this.#onDidDrop.event
  /** Fires after a push, so consumers waiting for work can wake. */
  readonly onDidChange = this.#onDidChange.event

  constructor(private readonly limits: () => TextQueueLimits) {
    super()
  }

  get size(): number {
    return this.#size
  }

  push(draft: SpeechDraft): QueuedSpeech | undefined {
    const limits = this.limits()
    const item: QueuedSpeech = {
      ...draft,
      seq: this.#seq++,
      deadline: draft.receivedAt + limits.freshnessMsOf(draft.type),
      eventIds: [draft.eventId],
      drafts: [draft]
    }
    if ((this.#byType.get(item.type) ?? 0) >= limits.capOf(item.type)) {
      const lane = this.#lane(item.priority)
      const oldest = lane?.items.removeFirst((q) => q.type === item.type)
      // A type's lines may sit in another lane if its priority changed while they waited.
      const victim = oldest ?? this.#removeOldestOfType(item.type)
      if (victim) this.#dropped(victim, 'over-cap')
    }
    if (this.#size >= limits.capacity) {
      const lowest = this.#lanes.findLast((lane) => lane.items.size > 0)
      if (!lowest || lowest.priority >= item.priority) {
        this.#onDidDrop.fire({ drafts: item.drafts, reason: 'queue-full' })
        return undefined
      }
      this.#dropped(lowest.items.shift()!, 'evicted')
    }
    let lane = this.#lane(item.priority)
    if (!lane) {
      lane = { priority: item.priority, items: new Deque() }
      this.#lanes.push(lane)
      this.#lanes.sort((a, b) => b.priority - a.priority)
    }
    lane.items.push(item)
    this.#size++
    this.#byType.set(item.type, (this.#byType.get(item.type) ?? 0) + 1)
    this.#onDidChange.fire()
    return item
  }

  /** The next line to speak; stale lines met on the way are dropped. */
  take(now: number): QueuedSpeech | undefined {
    for (const lane of this.#lanes) {
      while (lane.items.size > 0) {
        const item = lane.items.shift()!
        this.#forget(item)
        if (item.deadline < now) {
          this.#onDidDrop.fire({ drafts: item.drafts, reason: 'stale' })
          continue
        }
        return item
      }
    }
    return undefined
  }

  /** Nothing to settle: the queue's order is already its plan. */
  prepareNext(): void {}

  /** The next `n` lines in speaking order, without removing them. */
  upcoming(n: number): QueuedSpeech[] {
    return this.peek(n)
  }

  /** The next `n` lines in speaking order, without removing them. */
  peek(n: number): QueuedSpeech[] {
    const out: QueuedSpeech[] = []
    for (const lane of this.#lanes) {
      for (const item of lane.items) {
        if (out.length >= n) return out
        out.push(item)
      }
    }
    return out
  }

  /** Drops every line whose deadline has passed; returns how many. */
  dropStale(now: number): number {
    return this.#removeWhere((item) => item.deadline < now, 'stale')
  }

  clear(reason: 'cleared' | 'shutdown' = 'cleared'): number {
    return this.#removeWhere(() => true, reason)
  }

  /** Arrival time of the longest-waiting line (Infinity when empty). */
  oldestReceivedAt(): number {
    let oldest = Infinity
    for (const lane of this.#lanes) {
      const head = lane.items.peek()
      if (head && head.receivedAt < oldest) oldest = head.receivedAt
    }
    return oldest
  }

  /** Lines waiting per lane, highest priority first. */
  lanes(): { priority: number; length: number }[] {
    return this.#lanes.map((lane) => ({ priority: lane.priority, length: lane.items.size }))
  }

  byType(): Partial<Record<LineType, number>> {
    return Object.fromEntries(this.#byType)
  }

  #lane(priority: number) {
    return this.#lanes.find((lane) => lane.priority === priority)
  }

  #removeOldestOfType(type: LineType): QueuedSpeech | undefined {
    let oldest: { lane: Deque<QueuedSpeech>; item: QueuedSpeech } | undefined
    for (const lane of this.#lanes) {
      for (const item of lane.items) {
        if (item.type === type && (!oldest || item.seq < oldest.item.seq))
          oldest = { lane: lane.items, item }
      }
    }
    return oldest ? oldest.lane.removeFirst((q) => q === oldest.item) : undefined
  }

  #removeWhere(predicate: (item: QueuedSpeech) => boolean, reason: LinesDropped['reason']): number {
    const removed = this.#lanes.flatMap((lane) => lane.items.removeAll(predicate))
    for (const item of removed) this.#dropped(item, reason)
    return removed.length
  }

  #dropped(item: QueuedSpeech, reason: LinesDropped['reason']): void {
    this.#forget(item)
    this.#onDidDrop.fire({ drafts: item.drafts, reason })
  }

  #forget(item: QueuedSpeech): void {
    this.#size--
    this.#byType.set(item.type, (this.#byType.get(item.type) ?? 1) - 1)
  }
}
