import type { SourceEvent } from '../normalize/source-event'
import {
  ackPayload,
  decodeBody,
  readFrame,
  DEFAULT_FRAME_LIMITS,
  encodeAck,
  FrameDecodeError,
  type DecodeErrorKind,
  type FrameLimits
} from './frames'
import { gunzipInPlace, type ByteRange } from './gunzip'
import { mapMessage, mapReadMessage } from './message-mapper'
import type { WirePushFrame, WireResponse } from './proto/webcast-wire'
import { ResponseTape } from './response-tape'
import type { WasmInflater } from './wasm-inflate'

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
    let frame
    try {
      frame = readFrame(bytes, this.limits)
    } catch (err) {
      this.#count(err)
      return {}
    }
    // The common frame (a small gzipped Response) is inflated and scanned in WebAssembly
    // (response-tape.ts). What the scan leaves to JavaScript is read there from the same inflated
    // bytes, and that reports what is wrong with it.
    let inflated: ByteRange | undefined
    if (this.scan && frame.payloadType === 'msg' && frame.compressType === 'gzip') {
      const found = gunzipInPlace(
        frame.bytes,
        frame.payloadStart,
        frame.payloadEnd,
        this.limits.maxInflatedBytes
      )
      if (found !== undefined) {
        const scanned = this.#scanned(frame, found.inflater, found.size)
        if (scanned !== undefined) return scanned
        const at = found.inflater.outputAt
        inflated = { buf: found.inflater.memory, start: at, end: at + found.size }
      }
    }
    let decoded
    try {
      // Transient: each Response is mapped to events before the next frame is decoded.
      decoded = decodeBody(frame, this.limits, 'transient', inflated)
    } catch (err) {
      this.#count(err)
      return {}
    }
    this.counters.frames++
    if (decoded.payloadType === 'close') return { close: true }
    const response = decoded.response
    if (response === undefined) return {}
    const outcome = this.#dispatch(response)
    if (response.needAck) {
      const payload = ackPayload(decoded)
      const logId = { lo: decoded.logIdLo, hi: decoded.logIdHi }
      outcome.ack = { logId: decoded.logId, payload, bytes: encodeAck(logId, payload) }
    }
    return outcome
  }

  /** The frame's events from the WebAssembly scan of its inflated Response; undefined if it declined. */
  #scanned(frame: WirePushFrame, inflater: WasmInflater, size: number): FrameOutcome | undefined {
    const tape = ResponseTape.of(inflater)
    const count = tape === undefined ? -1 : tape.scan(size)
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
