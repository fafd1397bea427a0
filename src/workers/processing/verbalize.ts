/**
 * Makes chat text read naturally in Mandarin: internet slang and number memes, and symbols that
 * engines read badly or not at all. Pure; runs in the processing workers.
 */

import { isWhitespaceUnit } from './code-units'

export const SLANG: [RegExp, string][] = [
  [/\byyds\b/giu, '永远的神'],
  [/\bawsl\b/giu, '啊我死了'],
  [/\bxswl\b/giu, '笑死我了'],
  [/\bnbcs\b/giu, '没人在乎'],
  [/\bhhh+\b/giu, '哈哈哈'],
  [/\bdd\b/giu, '滴滴'],
  [/\bqaq\b/giu, '哭哭'],
  [/\b(?:orz|OTZ)\b/gu, '跪了']
]

/** Digit memes are read digit by digit, not as amounts (666 is "六六六", not "六百六十六"). */
const DIGITS = '零一二三四五六七八九'
export const DIGIT_MEMES = /(?<![\d.])(?:6{3,}|8{3,}|9{3,}|2333+|520|1314|886|88)(?![\d.])/gu
/** How a digit meme is read: 88 is 拜拜, the others digit by digit. */
export const readMeme = (meme: string) =>
  meme === '88' ? '拜拜' : [...meme].map((d) => DIGITS[Number(d)]).join('')

/** Each rule with the characters one of which every match contains (a cheap pre-test). */
export const SYMBOLS: [RegExp, string, string][] = [
  [/(\d+(?:\.\d+)?)\s*%/gu, '百分之$1', '%'],
  [/(\d)\s*\+\s*(\d)/gu, '$1加$2', '+'],
  [/(\d)\s*[x×]\s*(\d)/gu, '$1乘$2', 'x×'],
  [/(\d+)\s*[wW万](?![a-zA-Z])/gu, '$1万', 'wW万'],
  [/&/gu, '和', '&'],
  [/@/gu, '艾特', '@'],
  [/[~～]+/gu, '', '~～'],
  [/[?？]{2,}/gu, '？', '?？'],
  [/[!！]{2,}/gu, '！', '!！'],
  [/[#＃]/gu, ' ', '#＃'],
  [/[_\-=]{2,}/gu, ' ', '_-=']
]

/** Rules (bits by index in SYMBOLS) that each ASCII code unit is the pre-test character of. */
const ASCII_RULES = new Uint16Array(0x80)
/** The same for the few wider ones (×, 万 and full-width forms). */
const WIDE_RULES = new Map<number, number>()
SYMBOLS.forEach(([, , needs], rule) => {
  for (const char of needs) {
    const c = char.charCodeAt(0)
    if (c < 0x80) ASCII_RULES[c]! |= 1 << rule
    else WIDE_RULES.set(c, (WIDE_RULES.get(c) ?? 0) | (1 << rule))
  }
})
const WAN = 0x4e07

const SPACES = /\s+/gu

/** What one scan of the text found: the passes it may need. */
interface Needs {
  /** Symbol rules, bits by index in SYMBOLS. */
  rules: number
  /** An ASCII letter, ſ or the Kelvin sign (they fold to s and k under the slang patterns' `iu` flags). */
  latin: boolean
  digit: boolean
  /** Whitespace the last pass would change: anything but single spaces between other characters. */
  spaces: boolean
}

function scan(text: string): Needs {
  const needs: Needs = { rules: 0, latin: false, digit: false, spaces: false }
  let space = true // a leading space is trimmed
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x4e00 && c <= 0x9fff) {
      // Ideographs: the bulk of a comment; 万 is one rule's character.
      if (c === WAN) needs.rules |= WIDE_RULES.get(WAN)!
    } else if (c < 0x80) {
      const letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a
      if (letter) needs.latin = true
      else if (c >= 0x30 && c <= 0x39) needs.digit = true
      needs.rules |= ASCII_RULES[c]!
    } else if (c === 0x17f || c === 0x212a) needs.latin = true
    else needs.rules |= WIDE_RULES.get(c) ?? 0
    const isSpace = isWhitespaceUnit(c)
    if (isSpace && (space || c !== 0x20)) needs.spaces = true
    space = isSpace
  }
  if (space && text.length > 0) needs.spaces = true
  return needs
}

/**
 * A pattern runs only when the text holds a character it needs, so a plain comment costs one scan
 * instead of twenty replace passes, and a comment with digits no longer pays eleven symbol passes
 * it cannot match. The scan is of the text as it came: no pass makes a character another pass
 * needs (slang and digit memes become ideographs; a symbol rule's output holds no other rule's
 * character), so a rule the text did not need at the start never needs to run later.
 */
export function verbalize(text: string): string {
  const needs = scan(text)
  let out = text
  if (needs.latin)
    for (const [pattern, replacement] of SLANG) out = out.replace(pattern, replacement)
  if (needs.digit) out = out.replace(DIGIT_MEMES, readMeme)
  for (let rule = 0; needs.rules >> rule !== 0; rule++)
    if (needs.rules & (1 << rule)) out = out.replace(SYMBOLS[rule]![0], SYMBOLS[rule]![1])
  return out === text && !needs.spaces ? text : out.replace(SPACES, ' ').trim()
}
