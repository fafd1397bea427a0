import { Disposable } from '../../shared/lifecycle'
import { lineRules } from '../../shared/line-rules'
import type { Settings } from '../../shared/settings'
import type { LineType, SpeechDraft } from '../../shared/speech'
import { FirstOf } from './planner/first-of'
import type { RoomRules } from './planner/line-shaper'
import { SpeechPlanner } from './planner/speech-planner'
import { TextQueue } from './queues/text-queue'

/**
 * Where admitted lines wait for the voice: the speech planner (`plan.enabled`) or the plain
 * priority queue, read as one by playback. Only the one the settings choose is fed; lines left in
 * the other when the streamer switches are still spoken.
 */
export class WaitingLines extends Disposable {
  /** The speech planner: merged lines, shared speech time, big gifts first. */
  readonly planner: SpeechPlanner
  /** The plain priority queue, one line per event (the planner switched off). */
  readonly text: TextQueue
  /** What playback reads: the planner, then the plain queue. */
  readonly lines: FirstOf
  #appLines = 0

  constructor(
    private readonly settings: () => Settings,
    roomRules: (room: string | undefined) => RoomRules | undefined
  ) {
    super()
    this.planner = this._register(new SpeechPlanner(settings, Date.now, roomRules))
    this.text = this._register(
      new TextQueue(() => ({
        capacity: settings().queues.textCapacity,
        capOf: (type) => lineRules(settings(), type).cap,
        freshnessMsOf: (type) => lineRules(settings(), type).freshnessSec * 1000
      }))
    )
    this.lines = this._register(new FirstOf([this.planner, this.text]))
  }

  push(draft: SpeechDraft): void {
    if (this.settings().plan.enabled) this.planner.push(draft)
    else this.text.push(draft)
  }

  /** A line of the app's own (a test line, an alert), ahead of everything waiting; its id. */
  pushAppLine(text: string): string {
    const now = Date.now()
    const eventId = `app-${now}-${++this.#appLines}`
    this.push({ text, type: 'chat', priority: 9, eventId, receivedAt: now, system: true })
    return eventId
  }

  /** What the load shedder weighs: the planner merges instead of shedding; the queue sheds. */
  get shedBacklog(): number {
    return this.settings().plan.enabled ? 0 : this.text.size
  }

  /** Events waiting for a line, per type, the app's own lines as `system` (the queue chart). */
  waitingByType(): Partial<Record<LineType | 'system', number>> {
    const out: Partial<Record<LineType | 'system', number>> = this.planner.waitingByType()
    for (const line of this.text.peek(this.text.size)) {
      const key = line.system ? 'system' : line.type
      out[key] = (out[key] ?? 0) + 1
    }
    return out
  }
}
