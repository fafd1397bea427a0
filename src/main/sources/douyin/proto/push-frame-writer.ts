import { LEN, VARINT } from './wire-reader'

// Buffer#utf8Write skips write()'s argument checks; every Node release has it. Fall back if not.
const utf8Write: (this: Buffer, text: string, offset: number) => number =
  (Buffer.prototype as unknown as { utf8Write?: (t: string, o: number) => number }).utf8Write ??
  function (this: Buffer, text: string, offset: number) {
    return this.write(text, offset, 'utf8')
  }

/** The bytes of payload_type 'ack' with its tag and length. */
const ACK_TYPE = Buffer.from([(7 << 3) | LEN, 3, 0x61, 0x63, 0x6b])

/**
 * PushFrame{log_id, payload_type: 'ack', payload} in field order, every field written even when
 * empty: the bytes a standard encoder writes. An ACK goes back for nearly every frame, so it is
 * one buffer, sized first, with the type's bytes fixed and the payload written once.
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
