import { pinyin } from 'pinyin-pro'

/** Toneless pinyin syllables of the Han characters in `text` (other characters are skipped). */
export function syllables(text: string): string[] {
  const han = text.replace(/[^\p{Script=Han}]/gu, '')
  if (han === '') return []
  return pinyin(han, { toneType: 'none', type: 'array' })
}

const wordCache = new WeakMap<readonly string[], string[][]>()

/**
 * True when the text contains a blocked word by sound: 家威信 and 嘉微信 match 加微信.
 * Only words of two or more Han characters take part (one syllable matches far too much).
 */
export function containsHomophone(text: string, blocked: readonly string[]): boolean {
  let words = wordCache.get(blocked)
  if (!words) {
    words = blocked.map(syllables).filter((s) => s.length >= 2)
    wordCache.set(blocked, words)
  }
  if (words.length === 0) return false
  const hay = syllables(text)
  return words.some((word) => {
    outer: for (let i = 0; i + word.length <= hay.length; i++) {
      for (let j = 0; j < word.length; j++) if (hay[i + j] !== word[j]) continue outer
      return true
    }
    return false
  })
}
