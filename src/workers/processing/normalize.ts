/**
 * Speech normalisation: turns untrusted comment text into something worth saying aloud.
 * Pure functions; run inside the processing workers.
 */

import { isPlainUnit, isSpeakableUnit } from './code-units'

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
/**
 * Whether INVISIBLE or PICTOGRAPH could change the text. Each clean-up runs only when its own
 * trigger is there (this, a URL's start, a `[`): most comments need none of them or just one, and
 * a test is far cheaper than a replace pass with Unicode classes.
 */
const MAY_HAVE_INVISIBLE_OR_PICTOGRAPH =
  // eslint-disable-next-line no-misleading-character-class -- single code points, as PICTOGRAPH
  /[\p{Cc}\p{Cf}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]/u
const MAY_HAVE_URL = /https?:\/\/|www\./i
const SPACES = /\s+/gu
const SPEAKABLE = /[\p{L}\p{N}]/u

export interface NormalizeOptions {
  /** Keep at most this many characters of the text. */
  maxLength: number
  /** Cut runs of one repeated character (or short unit, 哈哈 or 666) to this many. */
  maxRepeat: number
}

export function normalizeSpeech(input: string, options: NormalizeOptions): string {
  // Most comments are plain (isPlainUnit): NFKC leaves them as they are, and they hold nothing
  // the Unicode-class test below would find. One scan of their code units replaces both.
  let scan = scanPlain(input)
  let text = input
  if (scan & Plain.Other) {
    text = input.normalize('NFKC')
    scan = scanPlain(text)
  }
  // In this order: invisible characters, URLs, emoji tokens, pictographs.
  const symbols = (scan & Plain.Other) !== 0 && MAY_HAVE_INVISIBLE_OR_PICTOGRAPH.test(text)
  let replaced = symbols
  if (symbols) text = text.replace(INVISIBLE, ' ')
  if (MAY_HAVE_URL.test(text)) {
    text = text.replace(URL, ' 链接 ')
    replaced = true
  }
  if (text.includes('[')) {
    const before = text
    text = text.replace(EMOJI_TOKEN, ' ')
    replaced ||= text !== before
  }
  if (symbols) text = text.replace(PICTOGRAPH, ' ')
  text = collapseRepeats(text, options.maxRepeat)
  // Collapsing repeats never makes two characters neighbours that were not: only a replacement,
  // a run of spaces or other whitespace gives the whitespace pass anything to do.
  if (replaced || scan & (Plain.Other | Plain.SpaceRun)) text = text.replace(SPACES, ' ')
  text = text.trim()
  // Punctuation alone says nothing. Without a replacement the text lost only repeats (one of each
  // is kept) and whitespace, so a speakable unit the scan found is still there.
  const saysSomething = (!replaced && (scan & Plain.Speakable) !== 0) || SPEAKABLE.test(text)
  if (!saysSomething) return ''
  return truncate(text, options.maxLength)
}

/** What scanPlain found (bit flags). */
const enum Plain {
  /** A code unit that is not plain (isPlainUnit) nor a space: the full clean-up applies. */
  Other = 1,
  /** Two spaces in a row, or a space at either end. */
  SpaceRun = 2,
  /** A Latin letter, a digit or an ideograph: the text says something. */
  Speakable = 4
}

/** One pass over the code units of `text`: a Plain bit set. */
function scanPlain(text: string): number {
  let found = 0
  let space = true // a leading space counts as a run: trim removes it
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x20) {
      if (space) found |= Plain.SpaceRun
      space = true
      continue
    }
    space = false
    if (!isPlainUnit(c)) found |= Plain.Other
    else if (isSpeakableUnit(c)) found |= Plain.Speakable
  }
  return space && text.length > 0 ? found | Plain.SpaceRun : found
}

/**
 * "哈哈哈哈哈哈" → "哈哈哈", "!!!!!!" → "!!!", "哈哈哈哈" with maxRepeat 3 → "哈哈哈".
 * Also collapses repeated two-character units ("啊哦啊哦啊哦啊哦" → "啊哦啊哦啊哦").
 */
export function collapseRepeats(text: string, maxRepeat: number): string {
  const scan = scanRepeats(text)
  if (scan === Scan.Unchanged) return text
  if (scan === Scan.Surrogates) return collapseUnits([...text], maxRepeat)
  // Every character is one code unit: compare codes and copy slices, no array per character.
  return collapseCodeUnits(collapseCodeUnitRuns(text, maxRepeat), maxRepeat)
}

/** Runs of one character cut to `maxRepeat` (each compared with the one before it in `text`). */
function collapseCodeUnitRuns(text: string, maxRepeat: number): string {
  let out = ''
  let from = 0
  let run = 0
  for (let i = 0; i < text.length; i++) {
    run = i > 0 && text.charCodeAt(i) === text.charCodeAt(i - 1) ? run + 1 : 1
    if (run > maxRepeat) {
      out += text.slice(from, i)
      from = i + 1
    }
  }
  return from === 0 ? text : out + text.slice(from)
}

/** Repeats of a two-character unit ("啊哦啊哦…") cut to `maxRepeat`. */
function collapseCodeUnits(text: string, maxRepeat: number): string {
  let out = ''
  let from = 0
  for (let i = 0; i < text.length;) {
    const a = text.charCodeAt(i)
    const b = text.charCodeAt(i + 1) // NaN past the end: never equal
    if (i + 1 >= text.length || a === b) {
      i++
      continue
    }
    let reps = 1
    while (text.charCodeAt(i + reps * 2) === a && text.charCodeAt(i + reps * 2 + 1) === b) reps++
    if (reps > maxRepeat) {
      out += text.slice(from, i + maxRepeat * 2)
      from = i + reps * 2
    }
    i += reps * 2
  }
  return from === 0 ? text : out + text.slice(from)
}

/** The same two passes over code points (text with surrogate pairs). */
function collapseUnits(chars: string[], maxRepeat: number): string {
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

const enum Scan {
  Unchanged,
  /** May repeat; every character is one UTF-16 unit. */
  Repeats,
  /** Has surrogate pairs: split by code point. */
  Surrogates
}

/**
 * Unchanged when collapseRepeats cannot change the text: without surrogate pairs, a run of one
 * character needs two equal neighbours, and a repeated two-character unit needs equal characters
 * two apart. Most comments pass this scan, which allocates nothing.
 */
function scanRepeats(text: string): Scan {
  let repeats = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) return Scan.Surrogates
    if ((i > 0 && c === text.charCodeAt(i - 1)) || (i > 1 && c === text.charCodeAt(i - 2)))
      repeats = true
  }
  return repeats ? Scan.Repeats : Scan.Unchanged
}

/** Cuts at a code-point boundary, never in the middle of a surrogate pair. */
export function truncate(text: string, maxLength: number): string {
  // Code points never outnumber UTF-16 units.
  if (text.length <= maxLength) return text
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
