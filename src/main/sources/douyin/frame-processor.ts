import type { SourceEvent } from '../normalize/source-event'
import {
  ackPayload,
  decodeFrame,
  DEFAULT_FRAME_LIMITS,
  encodeAck,
  FrameDecodeError,
  type DecodeErrorKind,
  type FrameLimits
} from './frames'
import { mapMessage } from './message-mapper'
import type { WireResponse } from './proto/webcast-wire'

/** What one inbound frame asked of the connection. */
export interface FrameOutcome {
  /**
   * Send this ACK (need_ack was set): the frame's log_id, the internal_ext payload, and the ACK
   * frame's bytes.
   */
  ack?: { logId: string; payload: string; bytes: Uint8Array }
  /** Response.cursor / internal_ext, worth keeping for a reconnect in the same broadcast. */
  cursor?: string
  internalExt?: string
  /** The server sent `payload_type: close`. */
  close?: boolean
  /** A ControlMessage said the live ended. */
  ended?: boolean
}

/** Error and message counters, per kind. */
export interface DecodeCounters {
  frames: number
  messages: number
  ignoredMessages: number
  errors: number
  errorsByKind: Partial<Record<DecodeErrorKind, number>>
}

/**
 * Untrusted bytes in, events out. Shared by the direct and page-capture connectors: every error is
 * counted and the frame (or just the one bad message) skipped; nothing here throws.
 */
export class FrameProcessor {
  readonly counters: DecodeCounters = {
    frames: 0,
    messages: 0,
    ignoredMessages: 0,
    errors: 0,
    errorsByKind: {}
  }
  #fallbackSeq = 0

  constructor(
    readonly emit: (event: SourceEvent) => void,
    readonly now: () => number = Date.now,
    readonly limits: FrameLimits = DEFAULT_FRAME_LIMITS,
    readonly onError: (err: FrameDecodeError) => void = () => {}
  ) {}

  /** One WebSocket binary message (a PushFrame). */
  processFrame(bytes: Uint8Array): FrameOutcome {
    let frame
    try {
      // Transient: each Response is mapped to events before the next frame is decoded.
      frame = decodeFrame(bytes, this.limits, 'transient')
    } catch (err) {
      this.#count(err)
      return {}
    }
    this.counters.frames++
    if (frame.payloadType === 'close') return { close: true }
    const response = frame.response
    if (response === undefined) return {}
    const outcome = this.#dispatch(response)
    if (response.needAck) {
      const payload = ackPayload(frame)
      const logId = { lo: frame.logIdLo, hi: frame.logIdHi }
      outcome.ack = { logId: frame.logId, payload, bytes: encodeAck(logId, payload) }
    }
    return outcome
  }

  /** A bare Response (an `im/fetch` polling body captured from the page). */
  processResponse(response: WireResponse): FrameOutcome {
    this.counters.frames++
    return this.#dispatch(response)
  }

  /** Counts an error found outside this class (a bad fetch body), the same way. */
  countError(err: unknown): void {
    this.#count(err)
  }

  #dispatch(response: WireResponse): FrameOutcome {
    const outcome: FrameOutcome = {}
    if (response.cursor) outcome.cursor = response.cursor
    if (response.internalExt) outcome.internalExt = response.internalExt
    const now = this.now()
    const max = this.limits.maxMessagesPerFrame ?? 5000
    const messages = response.messages
    if (messages.length > max)
      this.#count(
        new FrameDecodeError(
          'oversized',
          `a frame carried ${messages.length} messages; the first ${max} were read`
        )
      )
    const n = Math.min(messages.length, max)
    for (let i = 0; i < n; i++) {
      let event
      try {
        event = mapMessage(messages[i]!, now, this.#fallbackId)
      } catch (err) {
        this.#count(err)
        continue
      }
      this.counters.messages++
      if (event === undefined) {
        this.counters.ignoredMessages++
        continue
      }
      if (event.type === 'end') outcome.ended = true
      this.emit(event)
    }
    return outcome
  }

  /** An id for a message that came without one (never shared with a real, numeric id). */
  readonly #fallbackId = (now: number): string => `x${now}-${++this.#fallbackSeq}`

  #count(err: unknown): void {
    const e = err instanceof FrameDecodeError ? err : new FrameDecodeError('malformed', String(err))
    this.counters.errors++
    this.counters.errorsByKind[e.kind] = (this.counters.errorsByKind[e.kind] ?? 0) + 1
    this.onError(e)
  }
}
