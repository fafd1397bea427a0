// The protobuf wire format (encoding spec: varints, wire types 0, 1, 2, 5) as webcast-scan.ts
// reads it: one reader, its state in globals, every read bounded by the `end` it is given. Mirrors
// src/main/sources/douyin/proto/wire-reader.ts; where that throws, these return false.

export const VARINT: u32 = 0
export const FIXED64: u32 = 1
export const LEN: u32 = 2
export const FIXED32: u32 = 5

// Static members are globals, and methods rather than functions so that `@inline` parses as
// TypeScript too: the small reads are inlined where they are used (4% of a frame's decoding).
export class Wire {
  // Position, and the last varint's halves.
  static pos: usize = 0
  static lo: u32 = 0
  static hi: u32 = 0
  // Start of the last length-delimited field read by len() (it ends at pos).
  static fieldStart: usize = 0

  // A varint (at most 10 bytes, bits past 64 dropped) into lo/hi; false past `end` or when
  // longer. Most are one byte (tags, small numbers).
  @inline static varint(end: usize): bool {
    const p = Wire.pos
    if (p < end) {
      const b = <u32>load<u8>(p)
      if (b < 0x80) {
        Wire.pos = p + 1
        Wire.lo = b
        Wire.hi = 0
        return true
      }
    }
    return Wire.longVarint(end)
  }

  static longVarint(end: usize): bool {
    let p = Wire.pos
    let l: u32 = 0
    let h: u32 = 0
    let b: u32 = 0
    // Bytes 1–4 carry bits 0–27; byte 5 bits 28–34; bytes 6–10 bits 35–63.
    for (let shift: u32 = 0; shift < 28; shift += 7) {
      if (p >= end) return false
      b = <u32>load<u8>(p++)
      l |= (b & 0x7f) << shift
      if (b < 0x80) return Wire.set(p, l, 0)
    }
    if (p >= end) return false
    b = <u32>load<u8>(p++)
    l |= (b & 0x0f) << 28
    h = (b & 0x7f) >> 4
    if (b < 0x80) return Wire.set(p, l, h)
    for (let shift: u32 = 3; shift < 32; shift += 7) {
      if (p >= end) return false
      b = <u32>load<u8>(p++)
      h |= (b & 0x7f) << shift
      if (b < 0x80) return Wire.set(p, l, h)
    }
    return false
  }

  @inline static set(p: usize, l: u32, h: u32): bool {
    Wire.pos = p
    Wire.lo = l
    Wire.hi = h
    return true
  }

  // A length-delimited field: its bytes are fieldStart..pos after; false when they run past `end`.
  @inline static len(end: usize): bool {
    if (!Wire.varint(end) || <usize>Wire.lo > end - Wire.pos) return false
    Wire.fieldStart = Wire.pos
    Wire.pos += <usize>Wire.lo
    return true
  }

  // The next tag into lo; false at a bad varint or field number 0.
  @inline static tag(end: usize): bool {
    return Wire.varint(end) && Wire.lo >>> 3 != 0
  }

  // Skips a field of wire type `wire`; false for groups and invalid wire types (left to JS).
  static skip(wire: u32, end: usize): bool {
    if (wire == VARINT) return Wire.varint(end)
    if (wire == LEN) return Wire.len(end)
    const size: usize = wire == FIXED64 ? 8 : wire == FIXED32 ? 4 : 0
    if (size == 0 || end - Wire.pos < size) return false
    Wire.pos += size
    return true
  }
}
