/**
 * UTF-8 to a string, in JavaScript, for the short texts frames are made of (nicknames, comments,
 * gift names). Node's `utf8Slice` is a call into C++ whose fixed cost is most of the work for a
 * 10-byte nickname: ~115 ns there, ~55 ns here (bench/decode.ts gives the whole decoder's figure).
 *
 * Only well-formed UTF-8 is decoded here (RFC 3629 §3–4: no overlong form, no surrogate, nothing
 * past U+10FFFF). For anything else this returns undefined, and the caller decodes the bytes as
 * Buffer does (each bad sequence becomes U+FFFD as the WHATWG Encoding Standard says): the one
 * place that decides what malformed bytes become stays Node's.
 */

/** Texts up to this many bytes are decoded here; longer ones amortise the call into C++. */
export const SHORT_UTF8_MAX_BYTES = 64

// Code units of the text being decoded (at most one per byte). Smis only, so writes need no
// write barrier, and it is never shrunk.
const units: number[] = new Array<number>(SHORT_UTF8_MAX_BYTES).fill(0)
const fromCharCode = String.fromCharCode

/**
 * Bytes start..end of `bytes` as a string when they are well-formed UTF-8 and at most
 * SHORT_UTF8_MAX_BYTES long; otherwise undefined.
 */
export function decodeShortUtf8(bytes: Uint8Array, start: number, end: number): string | undefined {
  if (end - start > SHORT_UTF8_MAX_BYTES) return undefined
  const n = decodeUnits(bytes, start, end)
  if (n < 0) return undefined
  const u = units
  // A call with its arguments spelled out makes the string in one step; a spread costs ~15 ns more.
  switch (n) {
    case 0:
      return ''
    case 1:
      return fromCharCode(u[0]!)
    case 2:
      return fromCharCode(u[0]!, u[1]!)
    case 3:
      return fromCharCode(u[0]!, u[1]!, u[2]!)
    case 4:
      return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!)
    case 5:
      return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!)
    case 6:
      return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!)
    case 7:
      return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!)
    case 8:
      return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!)
    case 9:
      return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!)
    case 10:
      return fromCharCode(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!)
    default:
      return fromCharCode(...u.slice(0, n))
  }
}

/** Decodes into `units`: how many code units, or -1 at the first malformed sequence. */
function decodeUnits(bytes: Uint8Array, start: number, end: number): number {
  const u = units
  let n = 0
  let i = start
  while (i < end) {
    const b = bytes[i]!
    if (b < 0x80) {
      u[n++] = b
      i++
    } else if (b < 0xe0) {
      // Two bytes: U+0080–U+07FF (C0 and C1 would be overlong; 80–BF are not lead bytes).
      if (b < 0xc2 || i + 1 >= end) return -1
      const b1 = bytes[i + 1]!
      if ((b1 & 0xc0) !== 0x80) return -1
      u[n++] = ((b & 0x1f) << 6) | (b1 & 0x3f)
      i += 2
    } else if (b < 0xf0) {
      // Three bytes: U+0800–U+FFFF except the surrogates.
      if (i + 2 >= end) return -1
      const b1 = bytes[i + 1]!
      const b2 = bytes[i + 2]!
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80) return -1
      const c = ((b & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f)
      if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) return -1
      u[n++] = c
      i += 3
    } else {
      // Four bytes: U+10000–U+10FFFF, as a surrogate pair.
      if (b > 0xf4 || i + 3 >= end) return -1
      const b1 = bytes[i + 1]!
      const b2 = bytes[i + 2]!
      const b3 = bytes[i + 3]!
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80) return -1
      const c = ((b & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f)
      if (c < 0x10000 || c > 0x10ffff) return -1
      u[n++] = 0xd800 | ((c - 0x10000) >> 10)
      u[n++] = 0xdc00 | (c & 0x3ff)
      i += 4
    }
  }
  return n
}
