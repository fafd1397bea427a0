import { createRequire } from 'node:module'

type PinyinPro = typeof import('pinyin-pro')
let pinyinPro: PinyinPro | undefined

/**
 * pinyin-pro holds its dictionary in memory (about 25 MB RSS), so it is loaded on first use: the
 * main thread processes events in-thread and must not pay for it unless homophone matching is on
 * and some blocked word has two or more Han characters.
 */
function tonelessSyllables(han: string): string[] {
  pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as PinyinPro
  return pinyinPro.pinyin(han, { toneType: 'none', type: 'array' })
}

/** Toneless pinyin syllables of the Han characters in `text` (other characters are skipped). */
export function syllables(text: string): string[] {
  const han = text.replace(/[^\p{Script=Han}]/gu, '')
  if (han === '') return []
  return tonelessSyllables(han)
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
