import { AsciiNames } from './ascii-names'
import { expectWire, LEN, VARINT, WireReader } from './wire-reader'

/**
 * The webcast envelope (douyin-protocol.md §2): PushFrame and Response, read straight off the wire
 * with only the fields we use kept. Declared fields we do not keep are still checked for their wire
 * type (a frame that disagrees with the protocol is refused, as before), then skipped.
 */

/** A PushFrame's useful fields. */
export interface WirePushFrame {
  logId: string
  /** log_id's low and high 32 bits, for the ACK (which echoes it) without parsing `logId` back. */
  logIdLo: number
  logIdHi: number
  payloadType: string
  /** The `compress_type` header ('gzip' when the payload is gzipped). */
  compressType: string
  /** The `im-internal_ext` header: the ACK payload when the Response has none (dycast). */
  imInternalExt: string
  /** The frame's bytes; its payload is bytes payloadStart..payloadEnd of them (no view is made). */
  bytes: Buffer
  payloadStart: number
  payloadEnd: number
}

/** A frame's payload as a view (for callers outside the decoder's hot path). */
export function framePayload(frame: WirePushFrame): Buffer {
  return frame.bytes.subarray(frame.payloadStart, frame.payloadEnd)
}

/**
 * One Response.messages entry. Its payload is bytes `start`..`end` of `buf` (the inflated
 * Response): no view is made per message.
 */
export interface WireMessage {
  method: string
  /** Exact decimal, '0' when absent. */
  msgId: string
  buf: Buffer
  start: number
  end: number
}

/** The gunzipped frame payload, also the im/fetch body (§2.3). */
export interface WireResponse {
  messages: WireMessage[]
  cursor: string
  internalExt: string
  needAck: boolean
}

const EMPTY = Buffer.alloc(0)

/** PushFrame (§2.1): 1 seq_id, 2 log_id, 3 service, 4 method, 5 headers, 6 encoding, 7 type, 8 payload. */
export function readPushFrame(bytes: Uint8Array): WirePushFrame {
  const r = WireReader.of(bytes)
  const frame: WirePushFrame = {
    logId: '0',
    logIdLo: 0,
    logIdHi: 0,
    payloadType: '',
    compressType: '',
    imInternalExt: '',
    bytes: r.buf,
    payloadStart: 0,
    payloadEnd: 0
  }
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 1:
      case 3:
      case 4:
        expectWire(tag, VARINT, 'PushFrame')
        r.varint64()
        break
      case 2:
        expectWire(tag, VARINT, 'PushFrame.logId')
        frame.logId = r.uint64()
        frame.logIdLo = r.lo
        frame.logIdHi = r.hi
        break
      case 5: {
        expectWire(tag, LEN, 'PushFrame.headers')
        const outer = r.enter()
        readHeader(r, frame)
        r.leave(outer)
        break
      }
      case 6:
        expectWire(tag, LEN, 'PushFrame.payloadEncoding')
        r.len()
        break
      case 7: {
        expectWire(tag, LEN, 'PushFrame.payloadType')
        const start = r.len()
        frame.payloadType = FRAME_TYPES.find(r.buf, start, r.pos) ?? r.text(start, r.pos)
        break
      }
      case 8:
        expectWire(tag, LEN, 'PushFrame.payload')
        frame.payloadStart = r.len()
        frame.payloadEnd = r.pos
        break
      default:
        r.skip(tag & 7)
    }
  }
  return frame
}

/** Frame types (payload_type) and header keys and values we act on: compared as bytes. */
const FRAME_TYPES = new AsciiNames(['msg', 'hb', 'ack', 'close'])
const HEADER_KEYS = new AsciiNames(['compress_type', 'im-internal_ext'])
const COMPRESS_TYPES = new AsciiNames(['gzip', 'none'])

/**
 * PushHeader: 1 key, 2 value; only the two headers we use are kept. A frame carries several
 * headers (im-now, im-cursor…): their keys are compared as bytes, and only a kept header's value
 * becomes a string.
 */
function readHeader(r: WireReader, frame: WirePushFrame): void {
  let keyStart = 0
  let keyEnd = 0
  let valueStart = 0
  let valueEnd = 0
  while (r.pos < r.end) {
    const tag = r.tag()
    const field = tag >>> 3
    if (field === 1 || field === 2) {
      expectWire(tag, LEN, 'PushHeader')
      if (field === 1) {
        keyStart = r.len()
        keyEnd = r.pos
      } else {
        valueStart = r.len()
        valueEnd = r.pos
      }
    } else r.skip(tag & 7)
  }
  const key = HEADER_KEYS.find(r.buf, keyStart, keyEnd)
  if (key === 'compress_type')
    frame.compressType =
      COMPRESS_TYPES.find(r.buf, valueStart, valueEnd) ?? r.text(valueStart, valueEnd)
  else if (key === 'im-internal_ext') frame.imInternalExt = r.text(valueStart, valueEnd)
}

/**
 * Response (§2.3), bytes start..end of `bytes`: 1 messages, 2 cursor, 5 internal_ext, 9 need_ack;
 * 3/4/8 and 10/13/14 checked.
 */
export function readResponse(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length
): WireResponse {
  const r = WireReader.of(bytes, start, end)
  const response: WireResponse = { messages: [], cursor: '', internalExt: '', needAck: false }
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 1: {
        expectWire(tag, LEN, 'Response.messages')
        const outer = r.enter()
        response.messages.push(readMessage(r))
        r.leave(outer)
        break
      }
      case 2:
        expectWire(tag, LEN, 'Response.cursor')
        response.cursor = r.string()
        break
      case 5:
        expectWire(tag, LEN, 'Response.internalExt')
        response.internalExt = r.string()
        break
      case 9:
        expectWire(tag, VARINT, 'Response.needAck')
        response.needAck = r.bool()
        break
      case 3:
      case 4:
      case 8:
        expectWire(tag, VARINT, 'Response')
        r.varint64()
        break
      case 10:
      case 13:
      case 14:
        expectWire(tag, LEN, 'Response')
        r.len()
        break
      default:
        r.skip(tag & 7)
    }
  }
  return response
}

/**
 * Method names that arrive in nearly every frame (douyin-protocol.md §3). A method field that
 * matches one, byte for byte, is given the interned name instead of a new string per message.
 */
const COMMON_METHODS = [
  'WebcastChatMessage',
  'WebcastGiftMessage',
  'WebcastLikeMessage',
  'WebcastMemberMessage',
  'WebcastSocialMessage',
  'WebcastRoomUserSeqMessage',
  'WebcastFansclubMessage',
  'WebcastEmojiChatMessage',
  'WebcastRoomStatsMessage',
  'WebcastControlMessage',
  'WebcastRoomRankMessage',
  'WebcastRoomMessage',
  'WebcastScreenChatMessage',
  'WebcastRoomDataSyncMessage'
]
const METHODS = new AsciiNames(COMMON_METHODS)

function readMethod(r: WireReader): string {
  const start = r.len()
  return methodName(r, start, r.pos)
}

/** The method name in bytes start..end of `r`'s buffer: interned when it is a common one. */
export function methodName(r: WireReader, start: number, end: number): string {
  return METHODS.find(r.buf, start, end) ?? r.latin1(start, end)
}

/** Message (§2.4): 1 method, 2 payload, 3 msg_id, 4 msg_type. */
function readMessage(r: WireReader): WireMessage {
  const message: WireMessage = { method: '', msgId: '0', buf: EMPTY, start: 0, end: 0 }
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, LEN, 'Message.method')
        message.method = readMethod(r)
        break
      case 2:
        expectWire(tag, LEN, 'Message.payload')
        message.start = r.len()
        message.end = r.pos
        message.buf = r.buf
        break
      case 3:
        expectWire(tag, VARINT, 'Message.msgId')
        message.msgId = r.uint64()
        break
      case 4:
        expectWire(tag, VARINT, 'Message.msgType')
        r.varint64()
        break
      default:
        r.skip(tag & 7)
    }
  }
  return message
}
