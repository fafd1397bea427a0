import { lineRules } from '../../../shared/line-rules'
import type { Settings } from '../../../shared/settings'
import type { LineType, SpeechDraft } from '../../../shared/speech'
import { Deque } from '../queues/deque'
import { MERGEABLE } from './compose'
import { shouldMerge, type TypeBacklog } from './schedule'

/** Events of a mergeable type kept waiting at most (a merged line covers any number of them). */
const MERGEABLE_CAP = 2000

/** One pool's place in the plan: a type of one room. */
export interface PoolBacklog extends TypeBacklog {
  /** The pool (`room` + `type`). */
  key: string
  room: string | undefined
}

/** What a pool hands over for a line, and how long its type had waited (to put it back). */
export interface Taken {
  drafts: SpeechDraft[]
  waitingSince: number
}

interface Pool {
  room: string | undefined
  type: LineType
  items: Deque<SpeechDraft>
  /** Oldest unacknowledged arrival (stale drops do not reset it: the type is still waiting). */
  pendingSince?: number
}

const keyOf = (room: string | undefined, type: LineType) => `${room ?? ''}\u0000${type}`

/**
 * The planner's waiting events: one FIFO pool per room and type, in arrival order. Knows how long
 * each pool has waited for an acknowledgement, what is stale, and which end of a pool a line takes
 * (chats are sampled, mergeable kinds merge when one line each would be late).
 */
export class PendingPools {
  readonly #pools = new Map<string, Pool>()
  #size = 0

  constructor(
    private readonly settings: () => Settings,
    /** A room's share of speech time, multiplying each of its types' weight. */
    private readonly roomWeight: (room: string | undefined) => number
  ) {}

  get size(): number {
    return this.#size
  }

  /** Adds a draft; returns the drafts pushed out over the type's cap (oldest first). */
  add(draft: SpeechDraft): SpeechDraft[] {
    const pool = this.#pool(draft.roomId, draft.type)
    pool.items.push(draft)
    pool.pendingSince ??= draft.receivedAt
    this.#size++
    const cap = MERGEABLE.has(draft.type)
      ? MERGEABLE_CAP
      : lineRules(this.settings(), draft.type).cap
    const over: SpeechDraft[] = []
    while (pool.items.size > cap) over.push(pool.items.shift()!)
    this.#size -= over.length
    return over
  }

  /** Removes and returns the drafts past their type's freshness. */
  dropStale(now: number): SpeechDraft[] {
    const stale: SpeechDraft[] = []
    for (const pool of this.#pools.values()) {
      const ms = lineRules(this.settings(), pool.type).freshnessSec * 1000
      while (pool.items.size > 0 && pool.items.peek()!.receivedAt + ms < now)
        stale.push(pool.items.shift()!)
    }
    this.#size -= stale.length
    return stale
  }

  /** Every pool with something waiting, as the scheduler sees it. */
  backlogs(now: number): PoolBacklog[] {
    const s = this.settings()
    const out: PoolBacklog[] = []
    for (const [key, pool] of this.#pools) {
      if (pool.items.size === 0) continue
      const rules = lineRules(s, pool.type)
      out.push({
        key,
        room: pool.room,
        type: pool.type,
        count: pool.items.size,
        waitedMs: now - (pool.pendingSince ?? pool.items.peek()!.receivedAt),
        targetMs: rules.ackTargetSec * 1000,
        weight: rules.weight * this.roomWeight(pool.room),
        priority: rules.priority
      })
    }
    return out
  }

  /** The drafts the pool's next line would cover, without taking them (previews). */
  peekLine(b: PoolBacklog, busy: number, lineMs: number, now: number): SpeechDraft[] {
    const items = this.#pools.get(b.key)!.items
    const end = this.#end(b, busy, lineMs, now)
    return end === 'all'
      ? [...items]
      : [end === 'newest' ? items.at(items.size - 1)! : items.peek()!]
  }

  /** Takes the drafts of the pool's next line and marks the pool as served now. */
  takeLine(b: PoolBacklog, busy: number, lineMs: number, now: number): Taken {
    const pool = this.#pools.get(b.key)!
    const waitingSince = pool.pendingSince ?? pool.items.peek()!.receivedAt
    const end = this.#end(b, busy, lineMs, now)
    const drafts =
      end === 'all'
        ? pool.items.clear()
        : [end === 'newest' ? pool.items.pop()! : pool.items.shift()!]
    this.#size -= drafts.length
    const head = pool.items.peek()
    if (!head) pool.pendingSince = undefined
    // Chats and stats are sampled, not owed a line each: the type was served now.
    else if (pool.type === 'chat' || pool.type === 'stats') pool.pendingSince = now
    // Events of a kind read one by one still wait since their own arrival.
    else pool.pendingSince = head.receivedAt
    return { drafts, waitingSince }
  }

  /** Puts a settled line's drafts back, as if it had never been planned. */
  putBack(taken: Taken): void {
    const first = taken.drafts[0]
    if (!first) return
    const pool = this.#pool(first.roomId, first.type)
    const merged = [...taken.drafts, ...pool.items.clear()].sort(
      (a, b) => a.receivedAt - b.receivedAt
    )
    for (const d of merged) pool.items.push(d)
    pool.pendingSince = Math.min(pool.pendingSince ?? Infinity, taken.waitingSince)
    this.#size += taken.drafts.length
  }

  /** Whether a type waits in any room. */
  waiting(type: LineType): { count: number; since?: number } {
    let count = 0
    let since: number | undefined
    for (const pool of this.#pools.values()) {
      if (pool.type !== type || pool.items.size === 0) continue
      count += pool.items.size
      const s = pool.pendingSince ?? pool.items.peek()!.receivedAt
      since = since === undefined ? s : Math.min(since, s)
    }
    return since === undefined ? { count } : { count, since }
  }

  /** Lines needed to speak what waits: one per mergeable pool, one per chat. */
  linesDue(): number {
    let lines = 0
    for (const pool of this.#pools.values())
      if (pool.items.size > 0) lines += MERGEABLE.has(pool.type) ? 1 : pool.items.size
    return lines
  }

  /** Drafts waiting per type (all rooms). */
  byType(): Partial<Record<LineType, number>> {
    const out: Partial<Record<LineType, number>> = {}
    for (const pool of this.#pools.values())
      if (pool.items.size > 0) out[pool.type] = (out[pool.type] ?? 0) + pool.items.size
    return out
  }

  /** Drafts waiting per room. */
  byRoom(): Map<string | undefined, number> {
    const out = new Map<string | undefined, number>()
    for (const pool of this.#pools.values())
      if (pool.items.size > 0) out.set(pool.room, (out.get(pool.room) ?? 0) + pool.items.size)
    return out
  }

  /** Arrival of the oldest waiting draft (Infinity when empty). */
  oldestReceivedAt(): number {
    let oldest = Infinity
    for (const pool of this.#pools.values()) {
      const head = pool.items.peek()
      if (head && head.receivedAt < oldest) oldest = head.receivedAt
    }
    return oldest
  }

  /** Empties every pool (or one room's); returns what was there. */
  clear(room?: string): SpeechDraft[] {
    const all: SpeechDraft[] = []
    for (const [key, pool] of this.#pools) {
      if (room !== undefined && pool.room !== room) continue
      all.push(...pool.items.clear())
      this.#pools.delete(key)
    }
    this.#size -= all.length
    return all
  }

  /** Which end of the pool the next line takes, and how much of it. */
  #end(b: PoolBacklog, busy: number, lineMs: number, now: number): 'oldest' | 'newest' | 'all' {
    if (b.type === 'stats') return 'newest'
    if (b.type === 'chat') {
      // A busy room's chats are sampled: the oldest while it is still fresh, else the newest.
      const young = this.settings().events.chat.freshnessSec * 500
      const oldest = this.#pools.get(b.key)!.items.peek()!
      return now - oldest.receivedAt <= young ? 'oldest' : 'newest'
    }
    return MERGEABLE.has(b.type) && shouldMerge(b, busy, lineMs) ? 'all' : 'oldest'
  }

  #pool(room: string | undefined, type: LineType): Pool {
    const key = keyOf(room, type)
    let pool = this.#pools.get(key)
    if (!pool) {
      pool = { room, type, items: new Deque() }
      this.#pools.set(key, pool)
    }
    return pool
  }
}
