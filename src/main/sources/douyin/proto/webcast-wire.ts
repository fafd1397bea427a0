import { expectWire, LEN, VARINT, WireReader } from './wire-reader'

/**
 * The webcast envelope (douyin-protocol.md §2): PushFrame and Response, read straight off the wire
 * with only the fields we use kept. Declared fields we do not keep are still checked for their wire
 * type (a frame that disagrees with the protocol is refused, as before), then skipped.
 */

/** A PushFrame's useful fields; `payload` is a view into the frame's bytes. */
export interface WirePushFrame {
  logId: string
  payloadType: string
  /** The `compress_type` header ('gzip' when the payload is gzipped). */
  compressType: string
  /** The `im-internal_ext` header: the ACK payload when the Response has none (dycast). */
  imInternalExt: string
  payload: Buffer
}

/** One Response.messages entry; `payload` is a view into the inflated Response. */
export interface WireMessage {
  method: string
  payload: Buffer
  /** Exact decimal, '0' when absent. */
  msgId: string
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
    payloadType: '',
    compressType: '',
    imInternalExt: '',
    payload: EMPTY
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
        break
      case 5:
        expectWire(tag, LEN, 'PushFrame.headers')
        readHeader(r.message(), frame)
        break
      case 6:
        expectWire(tag, LEN, 'PushFrame.payloadEncoding')
        r.len()
        break
      case 7:
        expectWire(tag, LEN, 'PushFrame.payloadType')
        frame.payloadType = r.string()
        break
      case 8:
        expectWire(tag, LEN, 'PushFrame.payload')
        frame.payload = r.bytes()
        break
      default:
        r.skip(tag & 7)
    }
  }
  return frame
}

/** PushHeader: 1 key, 2 value; only the two headers we use are kept. */
function readHeader(r: WireReader, frame: WirePushFrame): void {
  let key = ''
  let value = ''
  while (r.pos < r.end) {
    const tag = r.tag()
    const field = tag >>> 3
    if (field === 1 || field === 2) {
      expectWire(tag, LEN, 'PushHeader')
      if (field === 1) key = r.string()
      else value = r.string()
    } else r.skip(tag & 7)
  }
  if (key === 'compress_type') frame.compressType = value
  else if (key === 'im-internal_ext') frame.imInternalExt = value
}

/** Response (§2.3): 1 messages, 2 cursor, 5 internal_ext, 9 need_ack; 3/4/8 and 10/13/14 checked. */
export function readResponse(bytes: Uint8Array): WireResponse {
  const r = WireReader.of(bytes)
  const response: WireResponse = { messages: [], cursor: '', internalExt: '', needAck: false }
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, LEN, 'Response.messages')
        response.messages.push(readMessage(r.message()))
        break
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
const METHODS_BY_LENGTH = new Map<number, { name: string; bytes: Buffer }[]>()
for (const name of COMMON_METHODS) {
  const list = METHODS_BY_LENGTH.get(name.length) ?? []
  list.push({ name, bytes: Buffer.from(name, 'latin1') })
  METHODS_BY_LENGTH.set(name.length, list)
}
function readMethod(r: WireReader): string {
  const start = r.len()
  const candidates = METHODS_BY_LENGTH.get(r.pos - start)
  if (candidates !== undefined) {
    const buf = r.buf
    for (const { name, bytes } of candidates) {
      let i = 0
      while (i < bytes.length && buf[start + i] === bytes[i]) i++
      if (i === bytes.length) return name
    }
  }
  return r.latin1(start, r.pos)
}

/** Message (§2.4): 1 method, 2 payload, 3 msg_id, 4 msg_type. */
function readMessage(r: WireReader): WireMessage {
  const message: WireMessage = { method: '', payload: EMPTY, msgId: '0' }
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, LEN, 'Message.method')
        message.method = readMethod(r)
        break
      case 2:
        expectWire(tag, LEN, 'Message.payload')
        message.payload = r.bytes()
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

/**
 * PushFrame{log_id, payload_type, payload} for what the client sends (ACK, heartbeat). Fields are
 * written when given, even when empty, in field order: the bytes match a standard encoder's. One
 * buffer, sized first: an ACK is sent for nearly every frame.
 */
export function writePushFrame(frame: {
  logId?: string
  payloadType: string
  payload?: Uint8Array
}): Buffer {
  let lo = 0
  let hi = 0
  if (frame.logId !== undefined) {
    const id = BigInt.asUintN(64, BigInt(frame.logId))
    lo = Number(id & 0xffffffffn)
    hi = Number(id >> 32n)
  }
  const typeLength = Buffer.byteLength(frame.payloadType, 'utf8')
  const payload = frame.payload
  const size =
    (frame.logId !== undefined ? 1 + varintSize(lo, hi) : 0) +
    1 +
    varintSize(typeLength, 0) +
    typeLength +
    (payload !== undefined ? 1 + varintSize(payload.length, 0) + payload.length : 0)
  const out = Buffer.allocUnsafe(size)
  let pos = 0
  if (frame.logId !== undefined) {
    out[pos++] = (2 << 3) | VARINT
    pos = writeVarint(out, pos, lo, hi)
  }
  out[pos++] = (7 << 3) | LEN
  pos = writeVarint(out, pos, typeLength, 0)
  pos += out.write(frame.payloadType, pos, 'utf8')
  if (payload !== undefined) {
    out[pos++] = (8 << 3) | LEN
    pos = writeVarint(out, pos, payload.length, 0)
    out.set(payload, pos)
  }
  return out
}

/** Bytes in the varint of the unsigned 64-bit value hi·2^32 + lo. */
function varintSize(lo: number, hi: number): number {
  let n = 1
  let l = lo >>> 0
  let h = hi >>> 0
  while (h !== 0 || l >= 0x80) {
    l = ((l >>> 7) | (h << 25)) >>> 0
    h >>>= 7
    n++
  }
  return n
}

/** Writes the varint of hi·2^32 + lo at `pos`; returns the position after it. */
function writeVarint(out: Buffer, pos: number, lo: number, hi: number): number {
  let l = lo >>> 0
  let h = hi >>> 0
  while (h !== 0 || l >= 0x80) {
    out[pos++] = (l & 0x7f) | 0x80
    l = ((l >>> 7) | (h << 25)) >>> 0
    h >>>= 7
  }
  out[pos++] = l
  return pos
}
