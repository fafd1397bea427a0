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
import { gunzipInPlace } from './gunzip'
import { mapMessage, mapReadMessage } from './message-mapper'
import { readPushFrame, type WireResponse } from './proto/webcast-wire'
import { ResponseTape } from './response-tape'

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
  /** Of those, frames read by the WebAssembly scan (the rest by the JavaScript decoder). */
  scanned: number
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
    scanned: 0,
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
    readonly onError: (err: FrameDecodeError) => void = () => {},
    /** False: every frame is decoded in JavaScript (the reference the scan is tested against). */
    readonly scan = true
  ) {}

  /** One WebSocket binary message (a PushFrame). */
  processFrame(bytes: Uint8Array): FrameOutcome {
    return (this.scan ? this.#scanned(bytes) : undefined) ?? this.#decoded(bytes)
  }

  /**
   * The common frame (a gzipped Response) inflated and scanned in WebAssembly (response-tape.ts);
   * undefined for anything else, or anything the scan leaves to the JavaScript decoder, which then
   * decodes the frame from the start and reports what is wrong with it.
   */
  #scanned(bytes: Uint8Array): FrameOutcome | undefined {
    if (bytes.length > this.limits.maxFrameBytes) return undefined
    let frame
    try {
      frame = readPushFrame(bytes)
    } catch {
      return undefined
    }
    if (frame.payloadType !== 'msg' || frame.compressType !== 'gzip') return undefined
    const inflated = gunzipInPlace(
      frame.bytes,
      frame.payloadStart,
      frame.payloadEnd,
      this.limits.maxInflatedBytes
    )
    if (inflated === undefined) return undefined
    const tape = ResponseTape.of(inflated.inflater)
    const count = tape === undefined ? -1 : tape.scan(inflated.size)
    if (tape === undefined || count < 0) return undefined
    this.counters.frames++
    this.counters.scanned++
    const outcome = this.#outcome(tape.cursor, tape.internalExt)
    const now = this.now()
    const n = this.#limit(count)
    for (let i = 0; i < n; i++) {
      const kind = tape.kind(i)
      let event
      try {
        event =
          kind >= 0
            ? mapReadMessage(kind, tape.fields(i), tape.msgId(i), now, this.#fallbackId)
            : mapMessage(tape.message(i), now, this.#fallbackId)
      } catch (err) {
        this.#count(err)
        continue
      }
      this.#deliver(event, outcome)
    }
    if (tape.needAck) {
      const payload = tape.internalExt || frame.imInternalExt
      const logId = { lo: frame.logIdLo, hi: frame.logIdHi }
      outcome.ack = { logId: frame.logId, payload, bytes: encodeAck(logId, payload) }
    }
    return outcome
  }

  #decoded(bytes: Uint8Array): FrameOutcome {
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
    const outcome = this.#outcome(response.cursor, response.internalExt)
    const now = this.now()
    const messages = response.messages
    const n = this.#limit(messages.length)
    for (let i = 0; i < n; i++) {
      let event
      try {
        event = mapMessage(messages[i]!, now, this.#fallbackId)
      } catch (err) {
        this.#count(err)
        continue
      }
      this.#deliver(event, outcome)
    }
    return outcome
  }

  #outcome(cursor: string, internalExt: string): FrameOutcome {
    const outcome: FrameOutcome = {}
    if (cursor) outcome.cursor = cursor
    if (internalExt) outcome.internalExt = internalExt
    return outcome
  }

  /** How many of a frame's `count` messages are read; the rest are counted as one error. */
  #limit(count: number): number {
    const max = this.limits.maxMessagesPerFrame ?? 5000
    if (count > max)
      this.#count(
        new FrameDecodeError(
          'oversized',
          `a frame carried ${count} messages; the first ${max} were read`
        )
      )
    return Math.min(count, max)
  }

  /** A mapped message: counted, and emitted when it says something. */
  #deliver(event: SourceEvent | undefined, outcome: FrameOutcome): void {
    this.counters.messages++
    if (event === undefined) {
      this.counters.ignoredMessages++
      return
    }
    if (event.type === 'end') outcome.ended = true
    this.emit(event)
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
