/**
 * Makes chat text read naturally in Mandarin: internet slang and number memes, and symbols that
 * engines read badly or not at all. Pure; runs in the processing workers.
 */

const SLANG: [RegExp, string][] = [
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
const DIGIT_MEMES = /(?<![\d.])(?:6{3,}|8{3,}|9{3,}|2333+|520|1314|886|88)(?![\d.])/gu
const readDigits = (s: string) => [...s].map((d) => DIGITS[Number(d)]).join('')

/** Each rule with the characters one of which every match contains (a cheap pre-test). */
const SYMBOLS: [RegExp, string, string][] = [
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

/** Every slang pattern needs an ASCII letter; every digit meme a digit. */
// (ſ and the Kelvin sign fold to s and k under the slang patterns' `iu` flags.)
const LATIN = /[a-z\u017f\u212a]/i
const DIGIT = /\d/
const SPACES = /\s+/gu

/**
 * A pattern runs only when the text (as it is at that step) holds a character it needs, so a plain
 * comment costs a few tests instead of twenty replace passes, and a comment with digits no longer
 * pays eleven symbol passes it cannot match.
 */
export function verbalize(text: string): string {
  let out = text
  if (LATIN.test(out))
    for (const [pattern, replacement] of SLANG) out = out.replace(pattern, replacement)
  if (DIGIT.test(out)) out = out.replace(DIGIT_MEMES, (m) => (m === '88' ? '拜拜' : readDigits(m)))
  for (const [pattern, replacement, needs] of SYMBOLS)
    if (holdsAny(out, needs)) out = out.replace(pattern, replacement)
  return out.replace(SPACES, ' ').trim()
}

/** Whether `text` holds any of the (single UTF-16 unit) characters of `chars`. */
function holdsAny(text: string, chars: string): boolean {
  for (let i = 0; i < chars.length; i++) if (text.includes(chars[i]!)) return true
  return false
}
