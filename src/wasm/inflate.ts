// Raw DEFLATE (RFC 1951) for a push frame's small gzip payload, in AssemblyScript (module.ts).
// JavaScript inflates these at ~6 ns an output byte, fflate and our attempts alike; this, ~1.8–2.5.
//
// It never allocates: the caller copies the compressed bytes to `inputAt()`, calls
// `inflate(length, cap)`, and reads the result at `outputAt()`. It is strict and does not say why:
// anything zlib refuses, a stream that does not end exactly at `length`, and output over `cap`
// give -1, and the caller hands the payload to zlib, which reports the real error.
//
// Huffman codes are built and looked up as huffman.ts describes. Bits are kept in a 32-bit buffer
// refilled two bytes at a time, written out at each use (state in globals and one refill(): 1.3×
// as long; a 64-bit buffer refilled eight bytes at a time: 0.98–1.06×). The input region has
// zeroed slack after the data, and a stream that uses bits from it is refused. Matches copy eight
// bytes a step where they can: memory.copy, a call out of the module, cost 3–7% more.

import { build, CODE_TAIL, slowDecode } from './huffman'
import {
  CODE_LENGTH_ORDER,
  DIST_BASE,
  DIST_EXTRA,
  LENGTH_BASE,
  LENGTH_EXTRA
} from './deflate-tables'

const INPUT_CAP: i32 = 4096
const OUTPUT_CAP: i32 = 64 * 1024 + 1
const SLACK: i32 = 16

const input = memory.data(INPUT_CAP + SLACK)
// 8 bytes of slack: a match's last eight-byte step may write up to 7 bytes past the output.
const output = memory.data(OUTPUT_CAP + 8)

// The Huffman codes (huffman.ts), each looked up by its next `*_FAST` bits.
const LIT_FAST: i32 = 10
const DIST_FAST: i32 = 8
const CODE_LENGTH_FAST: i32 = 7
const fixedLit = memory.data((2 << LIT_FAST) + CODE_TAIL)
const fixedDist = memory.data((2 << DIST_FAST) + CODE_TAIL)
const dynLit = memory.data((2 << LIT_FAST) + CODE_TAIL)
const dynDist = memory.data((2 << DIST_FAST) + CODE_TAIL)
const codeLengthCode = memory.data((2 << CODE_LENGTH_FAST) + CODE_TAIL)

const lengths = memory.data(320)
const codeLengths = memory.data(19)

export function inputAt(): usize {
  return input
}

export function outputAt(): usize {
  return output
}

export function inputCapacity(): i32 {
  return INPUT_CAP
}

export function outputCapacity(): i32 {
  return OUTPUT_CAP
}

// §3.2.6: literal/length 0–143 take 8 bits, 144–255 9, 256–279 7, 280–287 8; all 32 distance
// codes 5 (30 and 31 never occur).
function buildFixedCodes(): void {
  memory.fill(lengths, 8, 144)
  memory.fill(lengths + 144, 9, 112)
  memory.fill(lengths + 256, 7, 24)
  memory.fill(lengths + 280, 8, 8)
  build(fixedLit, LIT_FAST, lengths, 288, false)
  memory.fill(lengths, 5, 32)
  build(fixedDist, DIST_FAST, lengths, 32, false)
}
buildFixedCodes()

// Inflates `length` bytes at inputAt() into outputAt(), at most `cap` bytes: the size, or -1.
export function inflate(length: i32, cap: i32): i32 {
  if (length < 0 || length > INPUT_CAP || cap < 0 || cap > OUTPUT_CAP) return -1
  const end = length
  memory.fill(input + end, 0, SLACK)
  // A read may run at most this far into the slack before the stream is refused as truncated.
  const limit = end + 4
  let pos: i32 = 0
  let bits: u32 = 0
  let count: i32 = 0
  let op: i32 = 0
  let final: u32 = 0
  do {
    if (count < 16) {
      bits |= (<u32>load<u16>(input + pos)) << count
      pos += 2
      count += 16
    }
    final = bits & 1
    const type = (bits >>> 1) & 3
    bits >>>= 3
    count -= 3
    let lit: usize
    let dist: usize
    if (type == 0) {
      // Stored (§3.2.4): to the byte boundary, then LEN, NLEN and LEN bytes.
      pos -= count >>> 3
      if (pos + 4 > end) return -1
      const size = <i32>load<u16>(input + pos)
      const check = <i32>load<u16>(input + pos + 2)
      pos += 4
      if ((size ^ 0xffff) != check || pos + size > end || op + size > cap) return -1
      memory.copy(output + op, input + pos, size)
      op += size
      pos += size
      bits = 0
      count = 0
      continue
    } else if (type == 1) {
      lit = fixedLit
      dist = fixedDist
    } else if (type == 2) {
      if (!readDynamicCodes(pos, bits, count, limit)) return -1
      pos = resumePos
      bits = resumeBits
      count = resumeCount
      lit = dynLit
      dist = dynDist
    } else return -1
    if (pos > limit) return -1

    const litMask: u32 = (1 << LIT_FAST) - 1
    const distMask: u32 = (1 << DIST_FAST) - 1
    for (;;) {
      if (count < 16) {
        bits |= (<u32>load<u16>(input + pos)) << count
        pos += 2
        count += 16
        if (pos > limit) return -1
      }
      let entry = <i32>load<u16>(lit + ((bits & litMask) << 1))
      if (entry == 0) {
        entry = slowDecode(lit, LIT_FAST, bits)
        if (entry < 0) return -1
      }
      bits >>>= entry & 15
      count -= entry & 15
      let symbol = entry >>> 4
      if (symbol < 256) {
        if (op >= cap) return -1
        store<u8>(output + op, symbol)
        op++
        continue
      }
      if (symbol == 256) break
      symbol -= 257
      if (symbol >= 29) return -1
      let size = <i32>load<u16>(LENGTH_BASE + (symbol << 1))
      const sizeExtra = <i32>load<u8>(LENGTH_EXTRA + symbol)
      if (count < 16) {
        bits |= (<u32>load<u16>(input + pos)) << count
        pos += 2
        count += 16
      }
      if (sizeExtra != 0) {
        size += <i32>(bits & ((1 << sizeExtra) - 1))
        bits >>>= sizeExtra
        count -= sizeExtra
        if (count < 16) {
          bits |= (<u32>load<u16>(input + pos)) << count
          pos += 2
          count += 16
        }
      }
      entry = <i32>load<u16>(dist + ((bits & distMask) << 1))
      if (entry == 0) {
        entry = slowDecode(dist, DIST_FAST, bits)
        if (entry < 0) return -1
      }
      bits >>>= entry & 15
      count -= entry & 15
      symbol = entry >>> 4
      if (symbol >= 30) return -1
      let distance = <i32>load<u16>(DIST_BASE + (symbol << 1))
      const distanceExtra = <i32>load<u8>(DIST_EXTRA + symbol)
      if (distanceExtra != 0) {
        if (count < 16) {
          bits |= (<u32>load<u16>(input + pos)) << count
          pos += 2
          count += 16
        }
        distance += <i32>(bits & ((1 << distanceExtra) - 1))
        bits >>>= distanceExtra
        count -= distanceExtra
      }
      if (distance > op || op + size > cap) return -1
      if (distance >= 8) {
        // Eight bytes a step: each reads bytes already written (distance ≥ 8), and the last may
        // write up to 7 bytes past the copy, which the next symbols overwrite (or the slack).
        let from = output + op - distance
        let to = output + op
        const stop = to + size
        do {
          store<u64>(to, load<u64>(from))
          to += 8
          from += 8
        } while (to < stop)
        op += size
      } else {
        // The copy overlaps what it writes (a run): byte by byte, as §3.2.3 describes.
        let from = op - distance
        const stop = op + size
        while (op < stop) {
          store<u8>(output + op, load<u8>(output + from))
          op++
          from++
        }
      }
    }
  } while (final == 0)
  // Every bit used was in the input, and the stream ends in its last byte.
  return pos - (count >>> 3) == end ? op : -1
}

// Where readDynamicCodes stopped reading (AssemblyScript functions return one value).
let resumePos: i32 = 0
let resumeBits: u32 = 0
let resumeCount: i32 = 0

// §3.2.7: HLIT, HDIST, HCLEN, the code length code, then both codes' lengths; builds dynLit and
// dynDist. False for anything zlib refuses.
function readDynamicCodes(pos: i32, bits: u32, count: i32, limit: i32): bool {
  if (count < 16) {
    bits |= (<u32>load<u16>(input + pos)) << count
    pos += 2
    count += 16
  }
  const litCount = <i32>(bits & 31) + 257
  const distCount = <i32>((bits >>> 5) & 31) + 1
  const codeLengthCount = <i32>((bits >>> 10) & 15) + 4
  bits >>>= 14
  count -= 14
  if (litCount > 286 || distCount > 30) return false
  memory.fill(codeLengths, 0, 19)
  for (let i = 0; i < codeLengthCount; i++) {
    if (count < 16) {
      bits |= (<u32>load<u16>(input + pos)) << count
      pos += 2
      count += 16
    }
    store<u8>(codeLengths + load<u8>(CODE_LENGTH_ORDER + i), bits & 7)
    bits >>>= 3
    count -= 3
  }
  if (!build(codeLengthCode, CODE_LENGTH_FAST, codeLengths, 19, false)) return false
  const total = litCount + distCount
  for (let i = 0; i < total;) {
    if (count < 16) {
      bits |= (<u32>load<u16>(input + pos)) << count
      pos += 2
      count += 16
      if (pos > limit) return false
    }
    const entry = <i32>load<u16>(codeLengthCode + ((bits & 127) << 1))
    if (entry == 0) return false
    bits >>>= entry & 15
    count -= entry & 15
    const symbol = entry >>> 4
    if (symbol < 16) {
      store<u8>(lengths + i, symbol)
      i++
      continue
    }
    if (count < 16) {
      bits |= (<u32>load<u16>(input + pos)) << count
      pos += 2
      count += 16
    }
    let repeat: i32
    let value: u8 = 0
    let used: i32
    if (symbol == 16) {
      if (i == 0) return false
      value = load<u8>(lengths + i - 1)
      repeat = 3 + <i32>(bits & 3)
      used = 2
    } else if (symbol == 17) {
      repeat = 3 + <i32>(bits & 7)
      used = 3
    } else {
      repeat = 11 + <i32>(bits & 127)
      used = 7
    }
    bits >>>= used
    count -= used
    if (i + repeat > total) return false
    memory.fill(lengths + i, value, repeat)
    i += repeat
  }
  if (load<u8>(lengths + 256) == 0) return false
  if (!build(dynLit, LIT_FAST, lengths, litCount, true)) return false
  if (!build(dynDist, DIST_FAST, lengths + litCount, distCount, true)) return false
  resumePos = pos
  resumeBits = bits
  resumeCount = count
  return true
}
