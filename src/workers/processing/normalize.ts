/**
 * Speech normalisation: turns untrusted comment text into something worth saying aloud.
 * Pure functions; run inside the processing workers.
 */

/** Douyin/Bilibili-style emoji tokens such as `[微笑]`, `[比心]`: short bracketed words. */
const EMOJI_TOKEN = /\[[^[\]\s]{1,8}\]/gu
const URL = /\b(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef]+/giu
/** Pictographic emoji, variation selectors, zero-width joiners and keycaps are not speakable. */
const PICTOGRAPH =
  // Each listed code point is matched on its own, joiners and selectors included, on purpose.
  // eslint-disable-next-line no-misleading-character-class
  /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]/gu
/** Control and format characters (bidi overrides, zero-width) can hide text or confuse engines. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu

export interface NormalizeOptions {
  /** Keep at most this many characters of the text. */
  maxLength: number
  /** Cut runs of one repeated character (or short unit, 哈哈 or 666) to this many. */
  maxRepeat: number
}

export function normalizeSpeech(input: string, options: NormalizeOptions): string {
  let text = input.normalize('NFKC')
  text = text.replace(INVISIBLE, ' ')
  text = text.replace(URL, ' 链接 ')
  text = text.replace(EMOJI_TOKEN, ' ')
  text = text.replace(PICTOGRAPH, ' ')
  text = collapseRepeats(text, options.maxRepeat)
  text = text.replace(/\s+/gu, ' ').trim()
  // Punctuation alone says nothing.
  if (!/[\p{L}\p{N}]/u.test(text)) return ''
  return truncate(text, options.maxLength)
}

/**
 * "哈哈哈哈哈哈" → "哈哈哈", "!!!!!!" → "!!!", "哈哈哈哈" with maxRepeat 3 → "哈哈哈".
 * Also collapses repeated two-character units ("啊哦啊哦啊哦啊哦" → "啊哦啊哦啊哦").
 */
export function collapseRepeats(text: string, maxRepeat: number): string {
  const chars = [...text]
  const single: string[] = []
  let run = 0
  for (let i = 0; i < chars.length; i++) {
    run = i > 0 && chars[i] === chars[i - 1] ? run + 1 : 1
    if (run <= maxRepeat) single.push(chars[i]!)
  }
  const out: string[] = []
  for (let i = 0; i < single.length;) {
    const a = single[i]!
    const b = single[i + 1]
    if (b !== undefined && a !== b) {
      let reps = 1
      while (single[i + reps * 2] === a && single[i + reps * 2 + 1] === b) reps++
      const keep = Math.min(reps, maxRepeat)
      for (let k = 0; k < keep; k++) out.push(a, b)
      i += reps * 2
      continue
    }
    out.push(a)
    i++
  }
  return out.join('')
}

/** Cuts at a code-point boundary, never in the middle of a surrogate pair. */
export function truncate(text: string, maxLength: number): string {
  const chars = [...text]
  return chars.length <= maxLength ? text : chars.slice(0, maxLength).join('')
}

/** Case-insensitive, width-insensitive, ignoring spaces and symbols placed between letters to dodge filters. */
export function containsBlockedWord(text: string, blocked: readonly string[]): boolean {
  if (blocked.length === 0) return false
  const squash = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '')
  const haystack = squash(text)
  return blocked.some((word) => {
    const needle = squash(word)
    return needle.length > 0 && haystack.includes(needle)
  })
}
