// Canonical Huffman codes for inflate.ts (RFC 1951 §3.2.2), in that module's memory. A code at
// `code` is a fast table (u16 × 2^fastBits, indexed by the next fastBits bits of input, codes
// bit-reversed as DEFLATE packs them: symbol << 4 | length, 0 for a longer or unused code), then
// counts per length (u16 × 16), then its symbols sorted by code (u16 × 320). A code longer than
// the fast table is decoded bit by bit from the counts.

const MAX_BITS: i32 = 15
const offsets = memory.data(2 * (MAX_BITS + 2))

// A code takes (2 << fastBits) + CODE_TAIL bytes.
export const CODE_TAIL: i32 = 32 + 640

function countsOf(code: usize, fastBits: i32): usize {
  return code + ((<usize>2) << fastBits)
}

function reverse(code: i32, length: i32): i32 {
  let r = 0
  for (let i = 0; i < length; i++) {
    r = (r << 1) | (code & 1)
    code >>>= 1
  }
  return r
}

// Builds the code from n lengths at `from`. False when zlib would refuse them: over-subscribed,
// or incomplete unless `allowSingle` and the code is one 1-bit code or none (zlib's rule).
export function build(code: usize, fastBits: i32, from: usize, n: i32, allowSingle: bool): bool {
  const counts = countsOf(code, fastBits)
  const symbols = counts + 32
  memory.fill(counts, 0, 32)
  for (let i = 0; i < n; i++) {
    const at = counts + ((<usize>load<u8>(from + i)) << 1)
    store<u16>(at, load<u16>(at) + 1)
  }
  store<u16>(counts, 0)
  let left: i32 = 1
  let longest: i32 = 0
  for (let length = 1; length <= MAX_BITS; length++) {
    const count = <i32>load<u16>(counts + (length << 1))
    left = (left << 1) - count
    if (left < 0) return false
    if (count > 0) longest = length
  }
  if (left > 0 && !(allowSingle && longest <= 1)) return false

  store<u16>(offsets + 2, 0)
  for (let length = 1; length < MAX_BITS; length++) {
    const next = load<u16>(offsets + (length << 1)) + load<u16>(counts + (length << 1))
    store<u16>(offsets + ((length + 1) << 1), next)
  }
  for (let symbol = 0; symbol < n; symbol++) {
    const length = <usize>load<u8>(from + symbol)
    if (length == 0) continue
    const at = offsets + (length << 1)
    const index = <usize>load<u16>(at)
    store<u16>(symbols + (index << 1), symbol)
    store<u16>(at, index + 1)
  }

  const size = 1 << fastBits
  memory.fill(code, 0, size << 1)
  let next = 0
  let index = 0
  for (let length = 1; length <= fastBits; length++) {
    for (let k = <i32>load<u16>(counts + (length << 1)); k > 0; k--) {
      const entry = ((<i32>load<u16>(symbols + (index << 1))) << 4) | length
      index++
      for (let at = reverse(next, length); at < size; at += 1 << length)
        store<u16>(code + (at << 1), entry)
      next++
    }
    next <<= 1
  }
  return true
}

// The code at the bottom of `bits` (at least MAX_BITS of them), as symbol << 4 | length; -1 for
// a pattern that is no code.
export function slowDecode(code: usize, fastBits: i32, bits: u32): i32 {
  const counts = countsOf(code, fastBits)
  const symbols = counts + 32
  let value: i32 = 0
  let first: i32 = 0
  let index: i32 = 0
  for (let length = 1; length <= MAX_BITS; length++) {
    value |= <i32>((bits >>> (length - 1)) & 1)
    const count = <i32>load<u16>(counts + (length << 1))
    if (value - first < count)
      return ((<i32>load<u16>(symbols + ((index + value - first) << 1))) << 4) | length
    index += count
    first = (first + count) << 1
    value <<= 1
  }
  return -1
}
