import { LEN, VARINT } from './wire-reader'

/**
 * PushFrame{log_id, payload_type, payload} for what the client sends (ACK, heartbeat). Fields are
 * written when given, even when empty, in field order: the bytes match a standard encoder's. One
 * buffer, sized first: an ACK is sent for nearly every frame.
 */
export function writePushFrame(frame: {
  /** The id as a decimal string, or as its low and high 32 bits. */
  logId?: string | { lo: number; hi: number }
  payloadType: string
  /** Bytes, or a string written as UTF-8. */
  payload?: Uint8Array | string
}): Buffer {
  let lo = 0
  let hi = 0
  const logId = frame.logId
  if (typeof logId === 'string') {
    const id = BigInt.asUintN(64, BigInt(logId))
    lo = Number(id & 0xffffffffn)
    hi = Number(id >> 32n)
  } else if (logId !== undefined) {
    lo = logId.lo >>> 0
    hi = logId.hi >>> 0
  }
  const typeLength = Buffer.byteLength(frame.payloadType, 'utf8')
  const payload = frame.payload
  const payloadLength =
    payload === undefined
      ? 0
      : typeof payload === 'string'
        ? Buffer.byteLength(payload, 'utf8')
        : payload.length
  const size =
    (logId !== undefined ? 1 + varintSize(lo, hi) : 0) +
    1 +
    varintSize(typeLength, 0) +
    typeLength +
    (payload !== undefined ? 1 + varintSize(payloadLength, 0) + payloadLength : 0)
  const out = Buffer.allocUnsafe(size)
  let pos = 0
  if (logId !== undefined) {
    out[pos++] = (2 << 3) | VARINT
    pos = writeVarint(out, pos, lo, hi)
  }
  out[pos++] = (7 << 3) | LEN
  pos = writeVarint(out, pos, typeLength, 0)
  pos += out.write(frame.payloadType, pos, 'utf8')
  if (payload !== undefined) {
    out[pos++] = (8 << 3) | LEN
    pos = writeVarint(out, pos, payloadLength, 0)
    if (typeof payload === 'string') out.write(payload, pos, 'utf8')
    else out.set(payload, pos)
  }
  return out
}

// Buffer#utf8Write skips write()'s argument checks; every Node release has it. Fall back if not.
const utf8Write: (this: Buffer, text: string, offset: number) => number =
  (Buffer.prototype as unknown as { utf8Write?: (t: string, o: number) => number }).utf8Write ??
  function (this: Buffer, text: string, offset: number) {
    return this.write(text, offset, 'utf8')
  }

/** The bytes of payload_type 'ack' with its tag and length. */
const ACK_TYPE = Buffer.from([(7 << 3) | LEN, 3, 0x61, 0x63, 0x6b])

/**
 * writePushFrame({ logId: { lo, hi }, payloadType: 'ack', payload }), byte for byte: an ACK goes
 * back for nearly every frame, so the type's bytes are fixed and the payload is written once.
 */
export function writeAck(lo: number, hi: number, payload: string): Buffer {
  const payloadLength = Buffer.byteLength(payload, 'utf8')
  const size =
    1 + varintSize(lo, hi) + ACK_TYPE.length + 1 + varintSize(payloadLength, 0) + payloadLength
  const out = Buffer.allocUnsafe(size)
  out[0] = (2 << 3) | VARINT
  let pos = writeVarint(out, 1, lo, hi)
  for (let i = 0; i < ACK_TYPE.length; i++) out[pos++] = ACK_TYPE[i]!
  out[pos++] = (8 << 3) | LEN
  pos = writeVarint(out, pos, payloadLength, 0)
  utf8Write.call(out, payload, pos)
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
