import { Emitter } from '../../shared/emitter'
import type { LiveEvent } from '../../shared/events'
import type {
  Events,
  FeedItem,
  OverlayState,
  QueueSample,
  Session,
  SpeechLine
} from '../../shared/ipc/contract'
import { Disposable, toDisposable } from '../../shared/lifecycle'
import type { LineType, SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { RecentBuffer, toFeedItem, toSpeechLine } from './feed'

/** Queue-chart samples kept (one a second: five minutes). */
const HISTORY = 300

/** What the view reads from the session on each tick. */
export interface LiveSource {
  session(): Session
  status(): PipelineStatus | null
  waitingByType(): Partial<Record<LineType | 'system', number>>
}

/**
 * What the windows watch live: the recent event feed and speech log, the queue chart's history,
 * the OBS overlay's two lines, and the throttled `tick` that pushes the news every few hundred ms.
 * Kept apart from the controller so commands and session changes never mix with presentation.
 */
export class LiveView extends Disposable {
  readonly #feed = new RecentBuffer<FeedItem>(100)
  readonly #speech = new RecentBuffer<SpeechLine>(50)
  #history: QueueSample[] = []
  #seq = 0
  #lastSampleAt = 0
  #overlay: OverlayState = {}
  #overlayKey = '{}'
  readonly #onTick = this._register(new Emitter<Events['tick']>())
  readonly #onOverlay = this._register(new Emitter<Events['overlay']>())
  readonly onTick = this.#onTick.event
  /** The OBS overlay's view changed (what its read-only links receive). */
  readonly onOverlay = this.#onOverlay.event

  constructor(
    private readonly source: LiveSource,
    tickMs: number
  ) {
    super()
    const timer = setInterval(() => this.#tick(), tickMs)
    timer.unref()
    this._register(toDisposable(() => clearInterval(timer)))
  }

  /** An event arrived: it joins the feed. */
  addEvent(received: { event: LiveEvent; receivedAt: number }): void {
    this.#feed.push(toFeedItem(++this.#seq, received.event, received.receivedAt))
  }

  /** A line was spoken or dropped; events dropped before they had a line are counted in status. */
  addSpeech(record: SpeechRecord): void {
    if (record.text) this.#speech.push(toSpeechLine(++this.#seq, record))
  }

  feed(): FeedItem[] {
    return this.#feed.recent()
  }

  speech(): SpeechLine[] {
    return this.#speech.recent()
  }

  history(): QueueSample[] {
    return this.#history
  }

  /** What the OBS overlay shows now. */
  overlay(): OverlayState {
    return this.#overlay
  }

  #tick(): void {
    const status = this.source.status()
    this.#updateOverlay(status)
    let sample: QueueSample | null = null
    if (status && status.at - this.#lastSampleAt >= 1000) {
      this.#lastSampleAt = status.at
      sample = {
        at: status.at,
        lanes: status.queues.text.lanes,
        message: status.queues.message.length,
        types: this.source.waitingByType()
      }
      this.#history = [...this.#history, sample].slice(-HISTORY)
    }
    if (!this.#onTick.hasListeners) return
    this.#onTick.fire({
      session: this.source.session(),
      status,
      feed: this.#feed.drain(),
      speech: this.#speech.drain(),
      sample
    })
  }

  #updateOverlay(status: PipelineStatus | null): void {
    const line = (l: OverlayState['now']): OverlayState['now'] =>
      l ? { text: l.text, type: l.type, ...(l.system ? { system: true as const } : {}) } : undefined
    const now = line(status?.nowPlaying)
    const next = line(status?.upNext[0])
    const overlay: OverlayState = { ...(now ? { now } : {}), ...(next ? { next } : {}) }
    const key = JSON.stringify(overlay)
    if (key === this.#overlayKey) return
    this.#overlay = overlay
    this.#overlayKey = key
    this.#onOverlay.fire(overlay)
  }
}
