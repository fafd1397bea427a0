import { Emitter } from '../../../shared/emitter'
import { Disposable } from '../../../shared/lifecycle'
import type { Settings } from '../../../shared/settings'
import type { LineType, SpeechDraft } from '../../../shared/speech'
import { Deque } from '../queues/deque'
import { BigGifts } from './big-gifts'
import { composeBigGifts, composeLine, type WordingOptions } from './compose'
import { LineShaper, type RoomRules } from './line-shaper'
import { LineTiming } from './line-timing'
import { PendingPools, type Taken } from './pending-pools'
import { RateBoost } from './rate-boost'
import { chooseType, score } from './schedule'
import type { LineSource, LinesDropped, SpokenLine } from './spoken-line'

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
 * - Each type (of each room) waits in its own pool (pending-pools.ts); the next pool to speak is
 *   chosen by lateness against its acknowledgement target and by weight (schedule.ts), so no type
 *   and no room starves.
 * - Waiting events of one kind that would miss their target become one merged line (compose.ts).
 * - The app's own lines and the live's end go first; big gifts next, on their own lines, sharing
 *   lines only when they would take over the speech (big-gifts.ts). Nothing cuts off the line being
 *   spoken.
 * - The next line is settled shortly before the current one ends (the dispatcher calls
 *   `prepareNext`), so it is synthesised in time yet covers late arrivals; a line that must jump
 *   ahead of it sends it back to be planned afresh.
 * - The rate rises with the backlog (rate-boost.ts) and falls back as it drains; merged lines
 *   read fewer names under pressure.
 * Every draft leaves either in a line or through `onDidDrop` with its reason.
 */
export class SpeechPlanner extends Disposable implements LineSource {
  readonly #pools: PendingPools
  /** The app's own lines and the live's end: spoken next, one by one. */
  readonly #first = new Deque<SpeechDraft>()
  readonly #big: BigGifts
  readonly #shaper: LineShaper
  #next: SpokenLine | undefined
  /** For a settled line: what its pool handed over, to put it back. */
  readonly #settled = new WeakMap<SpokenLine, Taken>()
  /** A line is playing (between prepareNext and the next take): commit the next one early. */
  #lineOut = false
  #changeQueued = false
  readonly #merges = new Map<LineType, { lines: number; events: number }>()
  readonly timing = new LineTiming()
  readonly #boost = new RateBoost()
  readonly #onDidChange = this._register(new Emitter<void>())
  readonly #onDidDrop = this._register(new Emitter<LinesDropped>())
  readonly onDidChange = this.#onDidChange.event
  readonly onDidDrop = this.#onDidDrop.event

  constructor(
    private readonly settings: () => Settings,
    private readonly now: () => number = Date.now,
    /** Rules of the room a draft came from (several rooms at once); none = the defaults. */
    roomRules: (room: string | undefined) => RoomRules | undefined = () => undefined
  ) {
    super()
    this.#pools = new PendingPools(settings, (room) => roomRules(room)?.weight ?? 1)
    this.#shaper = new LineShaper(settings, roomRules)
    this.#big = new BigGifts(now())
  }

  /** Drafts waiting. */
  get size(): number {
    return this.#pools.size + this.#first.size + this.#big.size + (this.#next?.drafts.length ?? 0)
  }

  push(draft: SpeechDraft): void {
    if (draft.system || draft.type === 'end') this.#first.push(draft)
    else if (draft.big) this.#big.push(draft)
    else {
      const over = this.#pools.add(draft)
      if (over.length > 0) this.#drop(over, 'over-cap')
    }
    this.#changed()
  }

  take(now: number): SpokenLine | undefined {
    this.#lineOut = false
    this.dropStale(now)
    this.#updateBoost(now)
    const first = this.#first.shift()
    const ahead = first ? this.#line(first.type, [first], first.text, now) : this.#bigGifts(now)
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
   * The current line is about to end: commit the next one now, so it is synthesised in time.
   * Events that arrive after this go into the line after it (big gifts still go first).
   */
  prepareNext(now: number): void {
    this.#lineOut = true
    this.#next ??= this.#compose(now)
  }

  dropStale(now: number): number {
    const stale = [
      ...this.#pools.dropStale(now),
      ...this.#big.dropStale(now, this.settings().events.gift.freshnessSec * 1000)
    ]
    if (this.#next && this.#next.deadline < now) {
      stale.push(...this.#next.drafts)
      this.#next = undefined
    }
    if (stale.length > 0) this.#drop(stale, 'stale')
    return stale.length
  }

  clear(reason: 'cleared' | 'shutdown'): number {
    const all: SpeechDraft[] = [...this.#first.clear(), ...this.#big.clear()]
    if (this.#next) all.push(...this.#next.drafts)
    this.#next = undefined
    all.push(...this.#pools.clear())
    if (all.length > 0) this.#drop(all, reason)
    return all.length
  }

  /**
   * A room left (`shutdown`) or was switched off (`room-off`): what it still had waiting is
   * dropped, its big gifts and its settled line too.
   */
  dropRoom(room: string, reason: 'shutdown' | 'room-off' = 'shutdown'): number {
    const all = [...this.#pools.clear(room), ...this.#big.clear(room)]
    if (this.#next?.drafts[0]?.roomId === room) {
      all.push(...this.#next.drafts)
      this.#next = undefined
    }
    if (all.length > 0) this.#drop(all, reason)
    return all.length
  }

  /** A played line teaches the planner how long lines take. */
  learn(line: SpokenLine, playedMs: number): void {
    this.timing.learn([...line.text].length, playedMs)
  }

  /** Arrival time of the longest-waiting draft (Infinity when empty). */
  oldestReceivedAt(): number {
    const heads = [this.#first, this.#big].map((q: Iterable<SpeechDraft>) => {
      const head = q[Symbol.iterator]().next()
      return head.done ? undefined : head.value
    })
    return Math.min(
      this.#pools.oldestReceivedAt(),
      this.#next?.receivedAt ?? Infinity,
      ...heads.map((d) => d?.receivedAt ?? Infinity)
    )
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
  typeStatus(): Partial<Record<LineType, PlannerTypeStatus>> {
    const out: Partial<Record<LineType, PlannerTypeStatus>> = {}
    const entry = (type: LineType) => (out[type] ??= { waiting: 0, merges: 0, mergedEvents: 0 })
    for (const [type, n] of Object.entries(this.#pools.byType()) as [LineType, number][])
      entry(type).waiting += n
    for (const d of this.#outside()) entry(d.type).waiting++
    for (const [type, m] of this.#merges) {
      entry(type).merges = m.lines
      entry(type).mergedEvents = m.events
    }
    return out
  }

  /** Drafts waiting per type, the app's own lines as `system`. */
  waitingByType(): Partial<Record<LineType | 'system', number>> {
    const out: Partial<Record<LineType | 'system', number>> = this.#pools.byType()
    for (const d of this.#outside()) {
      const key = d.system ? 'system' : d.type
      out[key] = (out[key] ?? 0) + 1
    }
    return out
  }

  /** Drafts waiting per room. */
  waitingByRoom(): Map<string | undefined, number> {
    const out = this.#pools.byRoom()
    for (const d of this.#outside()) out.set(d.roomId, (out.get(d.roomId) ?? 0) + 1)
    return out
  }

  /** The next lines in order, for the dashboard's "up next" (what waits is previewed, not committed). */
  peek(n: number): { text: string; type: LineType; priority: number; system?: true }[] {
    const out: { text: string; type: LineType; priority: number; system?: true }[] = []
    for (const d of this.#first) out.push(d)
    for (const d of this.#big) out.push(d)
    if (this.#next) out.push(this.#next)
    if (out.length < n) out.push(...this.#preview(this.now(), n - out.length))
    return out.slice(0, n)
  }

  #compose(now: number): SpokenLine | undefined {
    const backlogs = this.#pools.backlogs(now)
    const lineMs = this.timing.lineMs
    const chosen = chooseType(backlogs, lineMs)
    if (!chosen) return undefined
    const taken = this.#pools.takeLine(chosen, backlogs.length, lineMs, now)
    const late = chosen.waitedMs + lineMs > chosen.targetMs
    const text = composeLine(chosen.type, taken.drafts, this.#wording(late))
    const line = this.#line(chosen.type, taken.drafts, text, now)
    this.#settled.set(line, taken)
    return line
  }

  /** What the waiting pools would say next, most urgent first, without committing anything. */
  #preview(now: number, n: number): { text: string; type: LineType; priority: number }[] {
    const backlogs = this.#pools.backlogs(now)
    const lineMs = this.timing.lineMs
    return backlogs
      .sort((a, b) => score(b, lineMs) - score(a, lineMs))
      .slice(0, n)
      .map((b) => {
        const drafts = this.#pools.peekLine(b, backlogs.length, lineMs, now)
        const text = this.#shaper.prefixed(b.room, composeLine(b.type, drafts, this.#wording()))
        return { text, type: b.type, priority: b.priority }
      })
  }

  #bigGifts(now: number): SpokenLine | undefined {
    const s = this.settings()
    const targetMs = s.events.gift.ackTargetSec * 1000
    const lineMs = this.timing.lineMs
    const gifts = this.#pools.waiting('gift')
    const drafts = this.#big.next(now, {
      targetMs,
      lineMs,
      giftsLate: gifts.since !== undefined && now - gifts.since + lineMs > targetMs,
      othersWait: this.#pools.size > 0
    })
    if (!drafts) return undefined
    const line = this.#line('gift', drafts, composeBigGifts(drafts, this.#wording()), now)
    this.#big.spoke(now, this.timing.estimate(line.text))
    return line
  }

  #line(type: LineType, drafts: SpeechDraft[], text: string, now: number): SpokenLine {
    return this.#shaper.line(type, drafts, text, drafts[0]!.system ? 0 : this.#updateBoost(now))
  }

  /** Drafts waiting outside the pools: the app's lines, big gifts, the settled next line. */
  #outside(): SpeechDraft[] {
    return [...this.#first, ...this.#big, ...(this.#next?.drafts ?? [])]
  }

  #leave(line: SpokenLine): SpokenLine {
    if (line.drafts.length > 1) this.#countMerge(line.type, line.drafts.length)
    return line
  }

  /** Puts the settled next line's drafts back into their pool, as if it had never been planned. */
  #unsettle(): void {
    const next = this.#next
    if (!next) return
    this.#next = undefined
    const taken = this.#settled.get(next)
    if (taken) this.#pools.putBack(taken)
  }

  #updateBoost(now: number): number {
    // Seconds of speech waiting: one line per mergeable pool, one per chat or own line.
    const lines = this.#first.size + this.#big.size + (this.#next ? 1 : 0) + this.#pools.linesDue()
    return this.#boost.update(
      (lines * this.timing.lineMs) / 1000,
      now,
      this.settings().plan.rateBoost
    )
  }

  #wording(late = false): WordingOptions {
    return this.#shaper.wording(this.#boost.percent, late)
  }

  #countMerge(type: LineType, events: number): void {
    const m = this.#merges.get(type) ?? { lines: 0, events: 0 }
    m.lines++
    m.events += events
    this.#merges.set(type, m)
  }

  #drop(drafts: readonly SpeechDraft[], reason: LinesDropped['reason']): void {
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
}
