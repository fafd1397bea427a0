/**
 * Classes of UTF-16 code units that the text passes test one unit at a time. A loop over
 * charCodeAt with these costs a fraction of one regular-expression test with Unicode classes on
 * Chinese text (~50 ns against ~300 for a 15-character comment), so the passes scan once and run
 * their regular expressions only where a scan found something. code-units.test.ts checks each
 * class against its definition for every code unit.
 */

/**
 * A code unit of plain comment text: printable ASCII but the space, CJK punctuation 、 to 〩,
 * kana, CJK ideographs (and extension A), Hangul syllables. NFKC leaves each of them, and any
 * sequence of them, as it is; none is whitespace, a control or format character or pictographic,
 * and none combines with a neighbour.
 */
export function isPlainUnit(c: number): boolean {
  return c >= 0x4e00
    ? c <= 0x9fff || (c >= 0xac00 && c <= 0xd7a3)
    : (c > 0x20 && c < 0x7f) ||
        (c >= 0x3001 && c <= 0x3029) ||
        (c >= 0x3041 && c <= 0x3096) ||
        (c >= 0x30a1 && c <= 0x30fa) ||
        c >= 0x3400
}

/** An ASCII letter or digit, or a CJK ideograph: each is a letter or number (\p{L}, \p{N}). */
export function isSpeakableUnit(c: number): boolean {
  return c >= 0x4e00
    ? c <= 0x9fff
    : (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
}

/** Whitespace as a regular expression's `\s` has it. */
export function isWhitespaceUnit(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}
