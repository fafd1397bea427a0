/**
 * A minimal protobuf wire-format reader for untrusted bytes (protobuf encoding spec: varints,
 * wire types 0 varint, 1 fixed64, 2 length-delimited, 3/4 groups, 5 fixed32). It reads fields in
 * place: callers switch on the field number, read what they map and `skip` the rest, so nothing is
 * allocated for a field nobody uses. Every read checks bounds; 64-bit integers are read as two
 * 32-bit halves and leave as exact decimal strings.
 */

import { decodeShortUtf8 } from './short-utf8'

/** The bytes do not match the schema: a field arrived with the wrong wire type. */
export class WireTypeError extends Error {
  override name = 'WireTypeError'
}

export const VARINT = 0
export const FIXED64 = 1
export const LEN = 2
export const FIXED32 = 5

const MAX_GROUP_DEPTH = 32

// Buffer#utf8Slice and #latin1Slice skip toString's argument checks; every Node release has it. Fall back if not.
const utf8Slice: (this: Buffer, start: number, end: number) => string =
  (Buffer.prototype as unknown as { utf8Slice?: (s: number, e: number) => string }).utf8Slice ??
  function (this: Buffer, start: number, end: number) {
    return this.toString('utf8', start, end)
  }
const latin1Slice: (this: Buffer, start: number, end: number) => string =
  (Buffer.prototype as unknown as { latin1Slice?: (s: number, e: number) => string }).latin1Slice ??
  function (this: Buffer, start: number, end: number) {
    return this.toString('latin1', start, end)
  }
const TWO_32 = 4294967296

export class WireReader {
  pos: number
  /** Low and high 32 bits of the last `varint64()`. */
  lo = 0
  hi = 0

  constructor(
    readonly buf: Buffer,
    start = 0,
    /** Where the message being read ends; `enter` narrows it to an embedded message. */
    public end = buf.length
  ) {
    this.pos = start
  }

  /** A reader of bytes start..end of `bytes` (the whole by default). */
  static of(bytes: Uint8Array, start = 0, end: number = bytes.length): WireReader {
    const buf = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return new WireReader(buf, start, end)
  }

  get done(): boolean {
    return this.pos >= this.end
  }

  /** The next tag as field number × 8 + wire type; field number 0 is refused. */
  tag(): number {
    const tag = this.varint32()
    if (tag >>> 3 === 0) throw new WireTypeError('field number 0')
    return tag
  }

  /** A varint's low 32 bits (unsigned); the rest of a longer varint is consumed. */
  varint32(): number {
    const buf = this.buf
    let pos = this.pos
    if (pos >= this.end) throw truncated()
    const b = buf[pos++]!
    if (b < 0x80) {
      this.pos = pos
      return b
    }
    this.varint64()
    return this.lo
  }

  /** Reads a varint into `lo`/`hi` (at most 10 bytes). */
  varint64(): void {
    const buf = this.buf
    const end = this.end
    let pos = this.pos
    let lo = 0
    let hi = 0
    let b = 0
    // Bytes 1–4 carry bits 0–27.
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw truncated()
      b = buf[pos++]!
      lo |= (b & 0x7f) << shift
      if (b < 0x80) return this.#set(pos, lo, hi)
    }
    // Byte 5 carries bits 28–31 into lo and 32–34 into hi.
    if (pos >= end) throw truncated()
    b = buf[pos++]!
    lo |= (b & 0x0f) << 28
    hi = (b & 0x7f) >> 4
    if (b < 0x80) return this.#set(pos, lo, hi)
    // Bytes 6–10 carry bits 35–63 (bits past 64 are dropped, as every protobuf runtime does).
    for (let shift = 3; shift < 32; shift += 7) {
      if (pos >= end) throw truncated()
      b = buf[pos++]!
      hi |= (b & 0x7f) << shift
      if (b < 0x80) return this.#set(pos, lo, hi)
    }
    throw new RangeError('varint longer than 10 bytes')
  }

  #set(pos: number, lo: number, hi: number): void {
    this.pos = pos
    this.lo = lo >>> 0
    this.hi = hi >>> 0
  }

  /** uint64 as an exact decimal string. */
  uint64(): string {
    this.varint64()
    return decimal(this.lo, this.hi)
  }

  /** A uint64 count as a number: exact below 10^15, else clamped to MAX_SAFE_INTEGER. */
  count(): number {
    this.varint64()
    return countOf(this.lo, this.hi)
  }

  /** int32: the low 32 bits, signed (negative values arrive sign-extended to 10 bytes). */
  int32(): number {
    return this.varint32() | 0
  }

  bool(): boolean {
    return this.varint32() !== 0
  }

  /** Start of a length-delimited field's bytes; moves past them. */
  len(): number {
    const length = this.varint32()
    const start = this.pos
    if (length > this.end - start) throw truncated()
    this.pos = start + length
    return start
  }

  /** An ASCII string (method names): latin1 is cheaper, and non-ASCII bytes stay visible. */
  ascii(): string {
    const start = this.len()
    return this.latin1(start, this.pos)
  }

  /** Bytes start..end of the buffer as latin1 (bounds are the caller's, from `len`). */
  latin1(start: number, end: number): string {
    return start === end ? '' : latin1Slice.call(this.buf, start, end)
  }

  string(): string {
    const start = this.len()
    return this.text(start, this.pos)
  }

  /** Bytes start..end of the buffer as UTF-8 (bounds are the caller's, from `len`). */
  text(start: number, end: number): string {
    if (start === end) return ''
    return decodeShortUtf8(this.buf, start, end) ?? utf8Slice.call(this.buf, start, end)
  }

  /**
   * Narrows this reader to the embedded message at `pos` (no reader is made per message); read it
   * to its end, then `leave` with what this returned. Reads stay bounded by the embedded message.
   */
  enter(): number {
    const length = this.varint32()
    const outer = this.end
    if (length > outer - this.pos) throw truncated()
    this.end = this.pos + length
    return outer
  }

  /** Back to the enclosing message once the embedded one has been read to its end. */
  leave(outer: number): void {
    this.end = outer
  }

  /** Skips a field of the given wire type, checking its framing. */
  skip(wire: number, depth = 0): void {
    switch (wire) {
      case VARINT:
        this.varint64()
        return
      case FIXED64:
        return this.#advance(8)
      case LEN:
        this.len()
        return
      case FIXED32:
        return this.#advance(4)
      case 3: {
        if (depth >= MAX_GROUP_DEPTH) throw new WireTypeError('groups nested too deep')
        for (;;) {
          const tag = this.tag()
          if ((tag & 7) === 4) return
          this.skip(tag & 7, depth + 1)
        }
      }
      default:
        throw new WireTypeError(`invalid wire type ${wire}`)
    }
  }

  #advance(n: number): void {
    if (this.end - this.pos < n) throw truncated()
    this.pos += n
  }
}

/** Throws WireTypeError unless a declared field arrived with the wire type its type needs. */
export function expectWire(tag: number, wire: number, where: string): void {
  if ((tag & 7) !== wire)
    throw new WireTypeError(`${where}: wire type ${tag & 7}, expected ${wire}`)
}

/** A uint64 count from its unsigned halves: exact below 10^15, else MAX_SAFE_INTEGER. */
export function countOf(lo: number, hi: number): number {
  if (hi >= 0x200000) return Number.MAX_SAFE_INTEGER
  const value = hi * TWO_32 + lo
  return value >= 1e15 ? Number.MAX_SAFE_INTEGER : value
}

/**
 * An unsigned 64-bit value given as two 32-bit halves, in decimal. Below 2^53 the double is exact
 * and V8 prints it fast. Above (most Douyin ids, ~7.2e18) the halves are written under a
 * BigUint64Array and its one BigInt printed: 5% more frames/s than splitting the value around
 * 10^9 and joining three printed pieces (bench/decode.ts, four pairs), whose result was also a
 * rope that every later hash (id windows, Map keys) had to flatten first. A BigInt built with
 * shifts instead (three BigInts a value) was 3% slower than the split; 24-bit limbs written as
 * digits into a byte buffer (one flat string, no BigInt) took ~570 ns an id against ~85.
 */
export function decimal(lo: number, hi: number): string {
  if (hi < 0x200000) return String(hi * TWO_32 + lo)
  HALVES[LOW] = lo
  HALVES[LOW ^ 1] = hi
  return U64[0]!.toString()
}

const HALVES = new Uint32Array(2)
const U64 = new BigUint64Array(HALVES.buffer)
/** Which half holds the low 32 bits: the first on little-endian machines (all we ship for). */
const LOW = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 0 : 1

function truncated(): RangeError {
  return new RangeError('truncated')
}
