import type { EventType } from '../../../shared/events'
import type { SourceState, SourceStatus } from '../source'

/** Counts over a sliding window of whole seconds, for frames/s. */
export class RateMeter {
  #buckets = new Map<number, number>()

  constructor(
    readonly windowSec = 5,
    readonly now: () => number = Date.now
  ) {}

  mark(): void {
    const sec = Math.floor(this.now() / 1000)
    this.#buckets.set(sec, (this.#buckets.get(sec) ?? 0) + 1)
    for (const k of this.#buckets.keys()) if (k <= sec - this.windowSec) this.#buckets.delete(k)
  }

  /** Average per second over the last full window. */
  perSecond(): number {
    const sec = Math.floor(this.now() / 1000)
    let n = 0
    for (const [k, v] of this.#buckets) if (k > sec - this.windowSec) n += v
    return Math.round((n / this.windowSec) * 10) / 10
  }
}

/** The Douyin/relay status with the extra fields the UI may show. */
export interface LiveSourceStatus extends SourceStatus {
  /** Events received by type, before normalisation (duplicates and combo steps included). */
  eventsByType: Partial<Record<EventType, number>>
  /** Decode errors by kind (`malformed`, `gzip`, `wire-type`, `oversized`, `bad-method`, `message`). */
  decodeErrorsByKind: Record<string, number>
  /** Well-formed messages of methods we do not read aloud (rank lists, banners…). */
  ignoredMessages: number
}

/**
 * The one mutable status a source's connectors write to; `snapshot()` is what status() returns.
 * Kept apart so the connectors stay about connecting and this stays about reporting.
 */
export class StatusBoard {
  state: SourceState = 'idle'
  connector: string | undefined
  reason: string | undefined
  detail: string | undefined
  roomId: string | undefined
  roomTitle: string | undefined
  anchor: string | undefined
  /** The system's code of the last network failure (`ENOTFOUND`…), cleared once live. */
  errno: string | undefined
  reconnects = 0
  ignoredMessages = 0
  decodeErrors = 0
  readonly decodeErrorsByKind: Record<string, number> = {}
  readonly eventsByType: Partial<Record<EventType, number>> = {}
  #lastFrameAt: number | undefined
  readonly #rate: RateMeter

  constructor(
    readonly kind: string,
    readonly now: () => number = Date.now
  ) {
    this.#rate = new RateMeter(5, now)
  }

  set(state: SourceState, reason?: string, detail?: string): void {
    if (state === 'live') this.errno = undefined
    this.state = state
    this.reason = reason
    this.detail = detail
  }

  frame(): void {
    this.#lastFrameAt = this.now()
    this.#rate.mark()
  }

  event(type: EventType): void {
    this.eventsByType[type] = (this.eventsByType[type] ?? 0) + 1
  }

  decodeError(kind: string): void {
    this.decodeErrors++
    this.decodeErrorsByKind[kind] = (this.decodeErrorsByKind[kind] ?? 0) + 1
  }

  snapshot(): LiveSourceStatus {
    const s: LiveSourceStatus = {
      kind: this.kind,
      state: this.state,
      reconnects: this.reconnects,
      decodeErrors: this.decodeErrors,
      framesPerSec: this.#rate.perSecond(),
      eventsByType: { ...this.eventsByType },
      decodeErrorsByKind: { ...this.decodeErrorsByKind },
      ignoredMessages: this.ignoredMessages
    }
    if (this.connector !== undefined) s.connector = this.connector
    if (this.reason !== undefined) s.reason = this.reason
    if (this.detail !== undefined) s.detail = this.detail
    if (this.roomId !== undefined) s.roomId = this.roomId
    if (this.roomTitle !== undefined) s.roomTitle = this.roomTitle
    if (this.anchor !== undefined) s.anchor = this.anchor
    if (this.errno !== undefined) s.errno = this.errno
    if (this.#lastFrameAt !== undefined)
      s.lastFrameAgeMs = Math.max(0, this.now() - this.#lastFrameAt)
    return s
  }
}
