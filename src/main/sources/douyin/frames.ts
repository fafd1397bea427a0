import { gunzipRange, type ByteRange, type InflatedLifetime } from './gunzip'
import {
  readPushFrame,
  readResponse,
  type WireMessage,
  type WirePushFrame,
  type WireResponse
} from './proto/webcast-wire'
import { writeAck } from './proto/push-frame-writer'

/** Why a frame or message was skipped. Counted per kind in the status. */
export type DecodeErrorKind =
  'oversized' | 'malformed' | 'wire-type' | 'gzip' | 'bad-method' | 'message'

/** A frame or message that could not be used; `kind` says why. */
export class FrameDecodeError extends Error {
  override name = 'FrameDecodeError'
  constructor(
    readonly kind: DecodeErrorKind,
    message: string
  ) {
    super(message)
  }
}

/** Size limits for untrusted frames. */
export interface FrameLimits {
  /** Largest PushFrame accepted. @default 8 MiB */
  maxFrameBytes: number
  /** Largest gunzipped Response accepted (gzip bombs). @default 32 MiB */
  maxInflatedBytes: number
  /** Messages read from one Response; the rest are counted as one `oversized` error. @default 5000 */
  maxMessagesPerFrame?: number
}

/** Generous for real frames (a few KB, tens of messages), small enough to stop floods and bombs. */
export const DEFAULT_FRAME_LIMITS: FrameLimits = {
  maxFrameBytes: 8 << 20,
  maxInflatedBytes: 32 << 20,
  maxMessagesPerFrame: 5000
}

/** A decoded PushFrame: the `msg` payload unpacked into a Response, else only the envelope. */
export interface DecodedFrame {
  logId: string
  /** log_id's low and high 32 bits (the ACK echoes them). */
  logIdLo: number
  logIdHi: number
  payloadType: string
  /** The `im-internal_ext` header (an ACK payload fallback). */
  imInternalExt: string
  response?: WireResponse
}

/** `PushFrame{payload_type:"hb"}`: the bytes 3A 02 68 62 (douyin-protocol.md §2.6). */
export const HEARTBEAT_FRAME: Uint8Array = Uint8Array.of(0x3a, 0x02, 0x68, 0x62)

/** The ACK for a frame whose Response has `need_ack`: the same log_id, payload = internal_ext. */
export function encodeAck(
  logId: string | { lo: number; hi: number },
  internalExt: string
): Uint8Array {
  if (typeof logId !== 'string') return writeAck(logId.lo, logId.hi, internalExt)
  const id = BigInt.asUintN(64, BigInt(logId))
  return writeAck(Number(id & 0xffffffffn), Number(id >> 32n), internalExt)
}

/**
 * PushFrame → (gunzip when `compress_type=gzip`) → Response, read lazily off the wire (only the
 * fields we use; message payloads stay views until mapped). Throws FrameDecodeError with a kind
 * for anything untrustworthy; never returns partial garbage.
 */
export function decodeFrame(
  bytes: Uint8Array,
  limits: FrameLimits = DEFAULT_FRAME_LIMITS,
  /** 'transient': the Response may be read only until the next frame is decoded on this thread. */
  lifetime: InflatedLifetime = 'owned'
): DecodedFrame {
  return decodeBody(readFrame(bytes, limits), limits, lifetime)
}

/** decodeFrame's first step: the PushFrame envelope, its size checked. */
export function readFrame(bytes: Uint8Array, limits: FrameLimits): WirePushFrame {
  if (bytes.length > limits.maxFrameBytes) {
    throw new FrameDecodeError('oversized', `frame of ${bytes.length} bytes`)
  }
  try {
    return readPushFrame(bytes)
  } catch (err) {
    throw decodeError('malformed', err)
  }
}

/**
 * decodeFrame's second step: the envelope's fields, and the Response it carries. `inflated`: the
 * payload already gunzipped, where it lies (the frame processor's WebAssembly path).
 */
export function decodeBody(
  frame: WirePushFrame,
  limits: FrameLimits,
  lifetime: InflatedLifetime,
  inflated?: ByteRange
): DecodedFrame {
  const decoded: DecodedFrame = {
    logId: frame.logId,
    logIdLo: frame.logIdLo,
    logIdHi: frame.logIdHi,
    payloadType: frame.payloadType,
    imInternalExt: frame.imInternalExt
  }
  if (frame.payloadType !== 'msg') return decoded
  // The payload is read where it lies: in the frame, or where the inflater left it.
  let body: ByteRange = { buf: frame.bytes, start: frame.payloadStart, end: frame.payloadEnd }
  if (inflated !== undefined) body = inflated
  else if (frame.compressType === 'gzip') {
    try {
      body = gunzipRange(body.buf, body.start, body.end, limits.maxInflatedBytes, lifetime)
    } catch (err) {
      throw decodeError('gzip', err)
    }
  }
  try {
    decoded.response = readResponse(body.buf, body.start, body.end)
  } catch (err) {
    throw decodeError('malformed', err)
  }
  return decoded
}

/** Decodes an `im/fetch` HTTP body (a bare Response protobuf, the page's polling fallback). */
export function decodeResponse(
  bytes: Uint8Array,
  limits: FrameLimits = DEFAULT_FRAME_LIMITS
): WireResponse {
  if (bytes.length > limits.maxInflatedBytes)
    throw new FrameDecodeError('oversized', 'response too large')
  try {
    return readResponse(bytes)
  } catch (err) {
    throw decodeError('malformed', err)
  }
}

/** The ACK payload: Response.internal_ext, else the frame's `im-internal_ext` header (dycast). */
export function ackPayload(frame: DecodedFrame): string {
  return frame.response?.internalExt || frame.imInternalExt || ''
}

/** Re-exported for the mapper. */
export type { WireMessage, WireResponse }

/** A reader's or inflater's error as a FrameDecodeError of `kind`, unless it says better. */
function decodeError(kind: DecodeErrorKind, err: unknown): FrameDecodeError {
  if (err instanceof FrameDecodeError) return err
  const e = err as Error
  const wire = e.name === 'WireTypeError'
  const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
  return new FrameDecodeError(tooBig ? 'oversized' : wire ? 'wire-type' : kind, e.message)
}
