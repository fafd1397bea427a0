import { gunzipSync } from 'node:zlib'
import {
  decodeAs,
  encodeAs,
  T,
  u64,
  type PbMessage,
  type PbPushFrame,
  type PbResponse
} from './proto/codec'

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
  payloadType: string
  headers: Map<string, string>
  response?: PbResponse
}

/** `PushFrame{payload_type:"hb"}`: the bytes 3A 02 68 62 (douyin-protocol.md §2.6). */
export const HEARTBEAT_FRAME: Uint8Array = encodeAs(T.PushFrame, { payloadType: 'hb' })

/** The ACK for a frame whose Response has `need_ack`: the same log_id, payload = internal_ext. */
export function encodeAck(logId: string, internalExt: string): Uint8Array {
  return encodeAs(T.PushFrame, {
    logId,
    payloadType: 'ack',
    payload: new TextEncoder().encode(internalExt)
  })
}

/**
 * PushFrame → (gunzip when `compress_type=gzip`) → Response. Throws FrameDecodeError with a kind
 * for anything untrustworthy; never returns partial garbage.
 */
export function decodeFrame(
  bytes: Uint8Array,
  limits: FrameLimits = DEFAULT_FRAME_LIMITS
): DecodedFrame {
  if (bytes.length > limits.maxFrameBytes) {
    throw new FrameDecodeError('oversized', `frame of ${bytes.length} bytes`)
  }
  const frame = guard('malformed', () => decodeAs<PbPushFrame>(T.PushFrame, bytes))
  const headers = new Map<string, string>()
  for (const h of frame.headers) headers.set(h.key, h.value)
  const decoded: DecodedFrame = { logId: u64(frame.logId), payloadType: frame.payloadType, headers }
  if (frame.payloadType !== 'msg') return decoded
  // protobufjs leaves an absent `bytes` field as a plain empty array.
  let body = frame.payload instanceof Uint8Array ? frame.payload : new Uint8Array(0)
  if (headers.get('compress_type') === 'gzip') {
    const zipped = body
    body = guard('gzip', () => gunzipSync(zipped, { maxOutputLength: limits.maxInflatedBytes }))
  }
  decoded.response = guard('malformed', () => decodeAs<PbResponse>(T.Response, body))
  return decoded
}

/** Decodes an `im/fetch` HTTP body (a bare Response protobuf, the page's polling fallback). */
export function decodeResponse(
  bytes: Uint8Array,
  limits: FrameLimits = DEFAULT_FRAME_LIMITS
): PbResponse {
  if (bytes.length > limits.maxInflatedBytes)
    throw new FrameDecodeError('oversized', 'response too large')
  return guard('malformed', () => decodeAs<PbResponse>(T.Response, bytes))
}

/** The ACK payload: Response.internal_ext, else the frame's `im-internal_ext` header (dycast). */
export function ackPayload(frame: DecodedFrame): string {
  return frame.response?.internalExt || frame.headers.get('im-internal_ext') || ''
}

/** Re-exported for the mapper. */
export type { PbMessage }

function guard<R>(kind: DecodeErrorKind, fn: () => R): R {
  try {
    return fn()
  } catch (err) {
    if (err instanceof FrameDecodeError) throw err
    const e = err as Error
    const wire = e.name === 'WireTypeError'
    const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
    throw new FrameDecodeError(tooBig ? 'oversized' : wire ? 'wire-type' : kind, e.message)
  }
}
