import { Emitter } from '../../../shared/emitter'
import { EVENT_TYPES, type EventType } from '../../../shared/events'
import type { Settings } from '../../../shared/settings'
import type { SpeechDraft } from '../../../shared/speech'
import { Deque } from '../queues/deque'
import { composeBigGifts, composeLine, MERGEABLE, type WordingOptions } from './compose'
import { LineTiming } from './line-timing'
import { RateBoost } from './rate-boost'
import { chooseType, score, shouldMerge, type TypeBacklog } from './schedule'
import type { LineSource, LinesDropped, SpokenLine } from './spoken-line'

/** Events of a mergeable type kept waiting at most (a merged line covers any number of them). */
const MERGEABLE_CAP = 2000
/** Big gifts named in one line at most, when they must share lines. */
const BIG_PER_LINE = 3
/** Share of speech time big gifts may take, each on its own line, before they share lines. */
const BIG_SHARE = 0.4
/** …and while the other gifts are already past their target. */
const BIG_SHARE_WHEN_LATE = 0.25
const BIG_WINDOW_MS = 30_000
const BIG_MIN_SPAN_MS = 15_000
/** Highest rate a boosted line may ask for (the settings' own maximum). */
const MAX_RATE = 450

/** What the planner reports per type (the status snapshot adds the acknowledgement lags). */
export interface PlannerTypeStatus {
  waiting: number
  /** Lines that merged several events, and the events they covered, since the start. */
  merges: number
  mergedEvents: number
}

/**
 * The speech planner: between processing and playback, it decides what the next line is from the
 * speech time available, instead of queueing one line per event.
 * - Each type waits in its own pool; the next type to speak is chosen by lateness against its
 *   acknowledgement target and by weight (schedule.ts), so no type starves.
 * - Waiting events of one kind that would miss their target become one merged line (compose.ts).
 * - Big gifts and the app's own lines go ahead of everything waiting (never cutting off the line
 *   being spoken); several big gifts share a line only when one line each would miss the target.
 * - The next line is committed while the current one plays, so it is synthesised ahead; events
 *   arriving meanwhile go into the line after it.
 * - The rate rises with the backlog (rate-boost.ts) and falls back as it drains.
 * Every draft leaves either in a line or through `onDidDrop` with its reason.
 */
export class SpeechPlanner implements LineSource {
  readonly #pools = new Map<EventType, Deque<SpeechDraft>>()
  /** Oldest unacknowledged arrival per type (stale drops do not reset it: that type is waiting). */
  readonly #pendingSince = new Map<EventType, number>()
  /** The app's own lines and the live's end: spoken next, one by one. */
  readonly #first = new Deque<SpeechDraft>()
  readonly #big = new Deque<SpeechDraft>()
  /** Big-gift lines of the last minute, for their share of speech time. */
  readonly #bigLines: { at: number; ms: number }[] = []
  #next: SpokenLine | undefined
  /** For a settled line: when its type had been waiting since, before it was settled. */
  readonly #settled = new WeakMap<SpokenLine, number>()
  /** A line is playing (between prepareNext and the next take): commit the next one early. */
  #lineOut = false
  #size = 0
  #changeQueued = false
  readonly #merges = new Map<EventType, { lines: number; events: number }>()
  readonly timing = new LineTiming()
  readonly #boost = new RateBoost()
  readonly #onDidChange = new Emitter<void>()
  readonly #onDidDrop = new Emitter<LinesDropped>()
  readonly onDidChange = this.#onDidChange.event
  readonly onDidDrop = this.#onDidDrop.event

  readonly #startedAt: number

  constructor(
    private readonly settings: () => Settings,
    private readonly now: () => number = Date.now
  ) {
    this.#startedAt = now()
  }

  get size(): number {
    return this.#size
  }

  push(draft: SpeechDraft): void {
    if (draft.system || draft.type === 'end') this.#first.push(draft)
    else if (draft.big) this.#big.push(draft)
    else {
      const pool = this.#pool(draft.type)
      pool.push(draft)
      if (!this.#pendingSince.has(draft.type)) this.#pendingSince.set(draft.type, draft.receivedAt)
      const cap = MERGEABLE.has(draft.type) ? MERGEABLE_CAP : this.settings().events[draft.type].cap
      this.#size++
      while (pool.size > cap) this.#drop([pool.shift()!], 'over-cap')
      this.#changed()
      return
    }
    this.#size++
    this.#changed()
  }

  take(now: number): SpokenLine | undefined {
    this.#lineOut = false
    this.dropStale(now)
    this.#updateBoost(now)
    const first = this.#first.shift()
    const ahead = first ? this.#single(first, now) : this.#bigGifts(now)
    if (ahead) {
      // The line settled after the previous one would now wait behind this one: settle it
      // afresh afterwards, with everything that arrives meanwhile.
      this.#unsettle()
      return this.#leave(ahead)
    }
    const next = this.#next
    this.#next = undefined
    if (next) return this.#leave(next)
    const line = this.#compose(now)
    return line && this.#leave(line)
  }

  upcoming(n: number): SpokenLine[] {
    return n > 0 && this.#next ? [this.#next] : []
  }

  /**
   * The current line starts: commit the next one now, so it is synthesised while this one plays.
   * Events that arrive meanwhile go into the line after it (big gifts still go first).
   */
  prepareNext(now: number): void {
    this.#lineOut = true
    this.#next ??= this.#compose(now)
  }

  dropStale(now: number): number {
    let dropped = 0
    const freshness = (type: EventType) => this.settings().events[type].freshnessSec * 1000
    for (const [type, pool] of this.#pools) {
      const stale: SpeechDraft[] = []
      const ms = freshness(type)
      while (pool.size > 0 && pool.peek()!.receivedAt + ms < now) stale.push(pool.shift()!)
      if (stale.length > 0) {
        dropped += stale.length
        this.#drop(stale, 'stale')
      }
    }
    const bigMs = freshness('gift')
    const staleBig: SpeechDraft[] = []
    while (this.#big.size > 0 && this.#big.peek()!.receivedAt + bigMs < now)
      staleBig.push(this.#big.shift()!)
    if (staleBig.length > 0) {
      dropped += staleBig.length
      this.#drop(staleBig, 'stale')
    }
    if (this.#next && this.#next.deadline < now) {
      const next = this.#next
      this.#next = undefined
      dropped += next.drafts.length
      this.#drop(next.drafts, 'stale')
    }
    return dropped
  }

  clear(reason: 'cleared' | 'shutdown'): number {
    const all: SpeechDraft[] = [...this.#first.clear(), ...this.#big.clear()]
    if (this.#next) all.push(...this.#next.drafts)
    this.#next = undefined
    for (const pool of this.#pools.values()) all.push(...pool.clear())
    this.#pendingSince.clear()
    if (all.length > 0) this.#drop(all, reason)
    return all.length
  }

  /** A played line teaches the planner how long lines take. */
  learn(line: SpokenLine, playedMs: number): void {
    this.timing.learn([...line.text].length, playedMs)
  }

  /** Arrival time of the longest-waiting draft (Infinity when empty). */
  oldestReceivedAt(): number {
    let oldest = Infinity
    for (const q of [this.#first, this.#big, ...this.#pools.values()]) {
      const head = q.peek()
      if (head && head.receivedAt < oldest) oldest = head.receivedAt
    }
    return Math.min(oldest, this.#next?.receivedAt ?? Infinity)
  }

  /** Adaptive rate now, percent. */
  get boost(): number {
    return this.#boost.percent
  }

  /** The smoothed backlog the boost follows, seconds of speech. */
  get backlogSec(): number {
    return this.#boost.backlogSec
  }

  /** Per type: waiting, and merges made. */
  typeStatus(): Partial<Record<EventType, PlannerTypeStatus>> {
    const out: Partial<Record<EventType, PlannerTypeStatus>> = {}
    const entry = (type: EventType) => (out[type] ??= { waiting: 0, merges: 0, mergedEvents: 0 })
    for (const [type, pool] of this.#pools) if (pool.size > 0) entry(type).waiting += pool.size
    for (const d of [...this.#first, ...this.#big, ...(this.#next?.drafts ?? [])])
      entry(d.type).waiting++
    for (const [type, m] of this.#merges) {
      entry(type).merges = m.lines
      entry(type).mergedEvents = m.events
    }
    return out
  }

  /** Drafts waiting per type, the app's own lines as `system`. */
  waitingByType(): Partial<Record<EventType | 'system', number>> {
    const out: Partial<Record<EventType | 'system', number>> = {}
    const add = (d: SpeechDraft) => {
      const key = d.system ? 'system' : d.type
      out[key] = (out[key] ?? 0) + 1
    }
    for (const [type, pool] of this.#pools) if (pool.size > 0) out[type] = pool.size
    for (const d of [...this.#first, ...this.#big, ...(this.#next?.drafts ?? [])]) add(d)
    return out
  }

  /** The next lines in order, for the dashboard's "up next" (what waits is previewed, not committed). */
  peek(n: number): { text: string; type: EventType; priority: number; system?: true }[] {
    const out: { text: string; type: EventType; priority: number; system?: true }[] = []
    for (const d of this.#first) out.push(d)
    for (const d of this.#big) out.push(d)
    if (this.#next) out.push(this.#next)
    if (out.length < n) out.push(...this.#preview(this.now(), n - out.length))
    return out.slice(0, n)
  }

  #backlogs(now: number): TypeBacklog[] {
    const s = this.settings()
    const backlogs: TypeBacklog[] = []
    for (const [type, pool] of this.#pools) {
      if (pool.size === 0) continue
      const rules = s.events[type]
      backlogs.push({
        type,
        count: pool.size,
        waitedMs: now - (this.#pendingSince.get(type) ?? pool.peek()!.receivedAt),
        targetMs: rules.ackTargetSec * 1000,
        weight: rules.weight,
        priority: rules.priority
      })
    }
    return backlogs
  }

  /** Which drafts of `type` its next line covers (which end of the pool, how many). */
  #pick(type: EventType, backlogs: TypeBacklog[], now: number): 'oldest' | 'newest' | 'all' {
    const pool = this.#pools.get(type)!
    if (type === 'stats') return 'newest'
    if (type === 'chat') {
      // A busy room's chats are sampled: the oldest while it is still fresh, else the newest.
      const young = this.settings().events.chat.freshnessSec * 500
      return now - pool.peek()!.receivedAt <= young ? 'oldest' : 'newest'
    }
    const backlog = backlogs.find((b) => b.type === type)!
    return MERGEABLE.has(type) && shouldMerge(backlog, backlogs.length, this.timing.lineMs)
      ? 'all'
      : 'oldest'
  }

  #compose(now: number): SpokenLine | undefined {
    const backlogs = this.#backlogs(now)
    const type = chooseType(backlogs, this.timing.lineMs)
    if (!type) return undefined
    const pool = this.#pools.get(type)!
    const before = this.#pendingSince.get(type) ?? pool.peek()!.receivedAt
    const pick = this.#pick(type, backlogs, now)
    const drafts = pick === 'all' ? pool.clear() : [pick === 'newest' ? pool.pop()! : pool.shift()!]
    this.#served(type, pool, now)
    const backlog = backlogs.find((b) => b.type === type)!
    const late = backlog.waitedMs + this.timing.lineMs > backlog.targetMs
    const line = this.#line(type, drafts, composeLine(type, drafts, this.#wording(late)), now)
    this.#settled.set(line, before)
    return line
  }

  /** What the waiting types would say next, most urgent first, without committing anything. */
  #preview(now: number, n: number): { text: string; type: EventType; priority: number }[] {
    const backlogs = this.#backlogs(now)
    const lineMs = this.timing.lineMs
    return backlogs
      .sort((a, b) => score(b, lineMs) - score(a, lineMs))
      .slice(0, n)
      .map((b) => {
        const pool = this.#pools.get(b.type)!
        const pick = this.#pick(b.type, backlogs, now)
        const drafts =
          pick === 'all' ? [...pool] : [pick === 'newest' ? pool.at(pool.size - 1)! : pool.peek()!]
        return {
          text: composeLine(b.type, drafts, this.#wording()),
          type: b.type,
          priority: b.priority
        }
      })
  }

  /**
   * Big gifts go ahead of everything waiting, each named on its own line, while they take less
   * than BIG_SHARE of the last minute's speech. Beyond that (a room raining big gifts), they share
   * lines, up to BIG_PER_LINE at once, gathered until a line is full or the oldest would otherwise
   * miss its target, so gifts and follows still get their turn.
   */
  #bigGifts(now: number): SpokenLine | undefined {
    if (this.#big.size === 0) return undefined
    const s = this.settings()
    const lineMs = this.timing.lineMs
    const backlog: TypeBacklog = {
      type: 'gift',
      count: this.#big.size,
      waitedMs: now - this.#big.peek()!.receivedAt,
      targetMs: s.events.gift.ackTargetSec * 1000,
      weight: s.events.gift.weight,
      priority: s.events.gift.priority
    }
    // Share of the recent speech (at least BIG_MIN_SPAN_MS of it, so one early big gift passes).
    const span = Math.max(BIG_MIN_SPAN_MS, Math.min(BIG_WINDOW_MS, now - this.#startedAt))
    // While the other gifts fall behind their own target, big gifts get a smaller share.
    const gifts = this.#pools.get('gift')
    const giftsLate =
      !!gifts?.size && now - (this.#pendingSince.get('gift') ?? now) + lineMs > backlog.targetMs
    const share = giftsLate ? BIG_SHARE_WHEN_LATE : BIG_SHARE
    const overBudget = this.#bigSpeechMs(now) > share * span
    // Over budget, big gifts gather into shared lines, within 1.5× the gift target at most.
    const gatherMs = 1.5 * backlog.targetMs - 2 * lineMs
    // Gathering only makes room for others: with nothing else waiting, speak now.
    const othersWait = [...this.#pools.values()].some((pool) => pool.size > 0)
    if (othersWait && overBudget && this.#big.size < BIG_PER_LINE && backlog.waitedMs < gatherMs)
      return undefined
    const take = overBudget || shouldMerge(backlog, 1, lineMs) ? BIG_PER_LINE : 1
    const drafts: SpeechDraft[] = []
    while (drafts.length < take && this.#big.size > 0) drafts.push(this.#big.shift()!)
    const line = this.#line('gift', drafts, composeBigGifts(drafts, this.#wording()), now)
    this.#bigLines.push({ at: now, ms: this.timing.estimate(line.text) })
    return line
  }

  /** Speech spent on big gifts over the last BIG_WINDOW_MS (estimated). */
  #bigSpeechMs(now: number): number {
    while (this.#bigLines.length > 0 && this.#bigLines[0]!.at < now - BIG_WINDOW_MS)
      this.#bigLines.shift()
    return this.#bigLines.reduce((sum, l) => sum + l.ms, 0)
  }

  #single(draft: SpeechDraft, now: number): SpokenLine {
    return this.#line(draft.type, [draft], draft.text, now)
  }

  #line(type: EventType, drafts: SpeechDraft[], text: string, now: number): SpokenLine {
    const s = this.settings()
    const first = drafts[0]!
    const freshness = s.events[type].freshnessSec * 1000
    const one = drafts.length === 1
    // A merged line speaks in its type's voice: one person's own voice would be odd for a group.
    const voice = one ? first.voice : s.events[type].voice
    const baseRate = (one ? first.rate : s.events[type].rate) || s.tts.rate
    const boost = first.system ? 0 : this.#updateBoost(now)
    return {
      text,
      type,
      priority: first.priority,
      eventId: first.eventId,
      eventIds: drafts.map((d) => d.eventId),
      receivedAt: first.receivedAt,
      // A merged line is fresh while its newest event is.
      deadline: Math.max(...drafts.map((d) => d.receivedAt)) + freshness,
      ...(voice ? { voice } : {}),
      rate: Math.min(MAX_RATE, Math.round(baseRate * (1 + boost / 100))),
      volume: one ? (first.volume ?? 1) : s.events[type].volume,
      ...(first.system ? { system: true as const } : {}),
      ...(boost > 0 ? { boost } : {}),
      drafts
    }
  }

  #served(type: EventType, pool: Deque<SpeechDraft>, now: number): void {
    const head = pool.peek()
    if (!head) this.#pendingSince.delete(type)
    // Chats and stats are sampled, not owed a line each: the type was served now.
    else if (type === 'chat' || type === 'stats') this.#pendingSince.set(type, now)
    // Events of a kind read one by one still wait since their own arrival.
    else this.#pendingSince.set(type, head.receivedAt)
  }

  #leave(line: SpokenLine): SpokenLine {
    this.#size -= line.drafts.length
    if (line.drafts.length > 1) this.#countMerge(line.type, line.drafts.length)
    return line
  }

  /** Puts the settled next line's drafts back into their pool, as if it had never been planned. */
  #unsettle(): void {
    const next = this.#next
    if (!next) return
    this.#next = undefined
    const pool = this.#pool(next.type)
    const merged = [...next.drafts, ...pool.clear()].sort((a, b) => a.receivedAt - b.receivedAt)
    for (const d of merged) pool.push(d)
    const before = this.#settled.get(next)
    if (before !== undefined) {
      const current = this.#pendingSince.get(next.type) ?? Infinity
      this.#pendingSince.set(next.type, Math.min(current, before))
    }
  }

  #updateBoost(now: number): number {
    const s = this.settings()
    // Seconds of speech waiting: one line per mergeable type, one per chat or own line.
    let lines = this.#first.size + this.#big.size + (this.#next ? 1 : 0)
    for (const [type, pool] of this.#pools) {
      if (pool.size > 0) lines += MERGEABLE.has(type) ? 1 : pool.size
    }
    return this.#boost.update((lines * this.timing.lineMs) / 1000, now, s.plan.rateBoost)
  }

  /**
   * Names a merged line reads: the full limit while speech keeps up, fewer as the backlog pushes
   * the rate up, one (the biggest giver) at the top of the boost, and none when the type is
   * already past its target there: a shorter line is time another type gets.
   */
  #wording(late = false): WordingOptions {
    const s = this.settings()
    const limit = s.plan.namesLimit
    const max = s.plan.rateBoost.maxPercent
    const pressure = max > 0 ? this.#boost.percent / max : 0
    const namesLimit =
      pressure >= 1 && late ? 0 : Math.max(Math.min(limit, 1), Math.round(limit * (1 - pressure)))
    return { wording: s.plan.wording, namesLimit, readNames: s.speech.readNames }
  }

  #countMerge(type: EventType, events: number): void {
    const m = this.#merges.get(type) ?? { lines: 0, events: 0 }
    m.lines++
    m.events += events
    this.#merges.set(type, m)
  }

  #pool(type: EventType): Deque<SpeechDraft> {
    let pool = this.#pools.get(type)
    if (!pool) {
      pool = new Deque()
      this.#pools.set(type, pool)
    }
    return pool
  }

  #drop(drafts: readonly SpeechDraft[], reason: LinesDropped['reason']): void {
    this.#size -= drafts.length
    this.#onDidDrop.fire({ drafts, reason })
  }

  /** Coalesced: a batch of drafts from one processing task wakes the dispatcher once. */
  #changed(): void {
    if (this.#changeQueued) return
    this.#changeQueued = true
    queueMicrotask(() => {
      this.#changeQueued = false
      // Arrivals during a line with nothing settled after it: settle it now (synthesis ahead).
      if (this.#lineOut && !this.#next) this.#next = this.#compose(this.now())
      this.#onDidChange.fire()
    })
  }

  dispose(): void {
    this.#onDidChange.dispose()
    this.#onDidDrop.dispose()
  }
}

/** Every type, in the contract's order (the dashboard lists them so). */
export const PLANNED_TYPES: readonly EventType[] = EVENT_TYPES
