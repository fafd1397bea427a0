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

/** Message (§2.4): 1 method, 2 payload, 3 msg_id, 4 msg_type. */
function readMessage(r: WireReader): WireMessage {
  const message: WireMessage = { method: '', payload: EMPTY, msgId: '0' }
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, LEN, 'Message.method')
        message.method = r.ascii()
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
 * written when given, even when empty, in field order: the bytes match a standard encoder's.
 */
export function writePushFrame(frame: {
  logId?: string
  payloadType: string
  payload?: Uint8Array
}): Buffer {
  const head: number[] = []
  if (frame.logId !== undefined) {
    head.push((2 << 3) | VARINT)
    const id = BigInt.asUintN(64, BigInt(frame.logId))
    pushVarint(head, Number(id & 0xffffffffn), Number(id >> 32n))
  }
  const type = Buffer.from(frame.payloadType, 'utf8')
  head.push((7 << 3) | LEN)
  pushVarint(head, type.length, 0)
  const parts = [Buffer.from(head), type]
  if (frame.payload !== undefined) {
    const tail: number[] = [(8 << 3) | LEN]
    pushVarint(tail, frame.payload.length, 0)
    parts.push(Buffer.from(tail), Buffer.from(frame.payload))
  }
  return Buffer.concat(parts)
}

/** Appends the varint of the unsigned 64-bit value hi·2^32 + lo. */
function pushVarint(out: number[], lo: number, hi: number): void {
  let l = lo >>> 0
  let h = hi >>> 0
  while (h !== 0 || l >= 0x80) {
    out.push((l & 0x7f) | 0x80)
    l = ((l >>> 7) | (h << 25)) >>> 0
    h >>>= 7
  }
  out.push(l)
}
