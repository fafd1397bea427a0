import { describe, expect, it } from 'vitest'
import { randomJoin, seededRandom } from '../../main/sources/testing/prng'
import { collapseRepeats, containsBlockedWord, normalizeSpeech, truncate } from './normalize'

const opts = { maxLength: 50, maxRepeat: 3 }

/** The plain definition of collapseRepeats: by code point, with arrays. */
function plainRepeats(text: string, max: number): string {
  const single: string[] = []
  const chars = [...text]
  chars.forEach((c, i) => {
    let run = 1
    while (i - run >= 0 && chars[i - run] === c) run++
    if (run <= max) single.push(c)
  })
  let out = ''
  for (let i = 0; i < single.length;) {
    const [a, b] = [single[i]!, single[i + 1]]
    if (b === undefined || a === b) {
      out += a
      i++
      continue
    }
    let reps = 1
    while (single[i + reps * 2] === a && single[i + reps * 2 + 1] === b) reps++
    out += (a + b).repeat(Math.min(reps, max))
    i += reps * 2
  }
  return out
}

describe('speech normalisation', () => {
  it('collapses repeated characters and short units', () => {
    expect(normalizeSpeech('哈哈哈哈哈哈', opts)).toBe('哈哈哈')
    expect(normalizeSpeech('666666666', opts)).toBe('666')
    expect(collapseRepeats('啊哦啊哦啊哦啊哦啊哦', 3)).toBe('啊哦啊哦啊哦')
    expect(normalizeSpeech('加油加油加油加油加油', opts)).toBe('加油加油加油')
  })

  it('drops emoji tokens and pictographs; punctuation alone is empty', () => {
    expect(normalizeSpeech('[比心][比心]主播好[微笑]', opts)).toBe('主播好')
    expect(normalizeSpeech('👍👍👍', opts)).toBe('')
    expect(normalizeSpeech('甜甜圈🍩来了', opts)).toBe('甜甜圈 来了')
    expect(normalizeSpeech('？？？！！', opts)).toBe('')
  })

  it('reads URLs as 链接', () => {
    expect(normalizeSpeech('求链接 https://v.douyin.com/abc123/ 谢谢', opts)).toBe(
      '求链接 链接 谢谢'
    )
  })

  it('caps the length at a code-point boundary', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀😀')
    expect(normalizeSpeech('一二三四五六七八九十', { maxLength: 5, maxRepeat: 3 })).toBe(
      '一二三四五'
    )
  })

  it('collapses repeats as the plain definition does, at every limit', () => {
    const parts = ['哈', '哈', '啊', '哦', '6', '!', 'a', 'b', '😀', '👍🏻', ' ']
    const random = seededRandom(11)
    for (let n = 0; n < 4000; n++) {
      const input = randomJoin(random, parts, 1, 16)
      const max = 1 + (n % 4)
      expect(collapseRepeats(input, max), `${JSON.stringify(input)} ${max}`).toBe(
        plainRepeats(input, max)
      )
    }
  })

  it('gives what every clean-up pass applied in turn gives, on random comments', () => {
    // The plain definition: all four clean-ups always, then repeats collapsed by code point.
    const plain = (input: string) => {
      let text = input.normalize('NFKC')
      text = text.replace(/[\p{Cc}\p{Cf}]/gu, ' ')
      text = text.replace(/\b(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef]+/giu, ' 链接 ')
      text = text.replace(/\[[^[\]\s]{1,8}\]/gu, ' ')
      text = text.replace(
        // eslint-disable-next-line no-misleading-character-class -- single code points
        /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]/gu,
        ' '
      )
      text = plainRepeats(text, opts.maxRepeat).replace(/\s+/gu, ' ').trim()
      return /[\p{L}\p{N}]/u.test(text) ? truncate(text, opts.maxLength) : ''
    }
    const parts = [
      '哈',
      '哈哈',
      '6',
      '[比心]',
      '[',
      ']',
      ' ',
      '主播',
      'ＡＢ',
      'https://v.douyin.com/x',
      'WWW.a.cn',
      '😀',
      '👍🏻',
      '\u200b',
      '\u202e',
      '\t',
      '啊哦',
      '，',
      '!',
      '\ud83d',
      'a',
      // Around the plain fast path: full-width forms, kana that combine, Hangul jamo, wide spaces.
      '  ',
      '！',
      'ー',
      'が',
      '\u3099',
      '〰',
      '가',
      '\u11a8',
      '\u3000',
      '\u00a0'
    ]
    const random = seededRandom(7)
    for (let n = 0; n < 3000; n++) {
      const input = randomJoin(random, parts, 1, 12)
      expect(normalizeSpeech(input, opts), JSON.stringify(input)).toBe(plain(input))
    }
  })

  it('removes invisible and bidi control characters', () => {
    expect(normalizeSpeech('主\u200b播\u202e好', opts)).toBe('主 播 好')
  })

  it('finds blocked words through spacing, width and case tricks', () => {
    expect(containsBlockedWord('加我 V X 看福利', ['vx'])).toBe(true)
    expect(containsBlockedWord('ＶＸ', ['vx'])).toBe(true)
    expect(containsBlockedWord('傻.瓜', ['傻瓜'])).toBe(true)
    expect(containsBlockedWord('主播好', ['傻瓜'])).toBe(false)
    expect(containsBlockedWord('任何话', [])).toBe(false)
  })
})
