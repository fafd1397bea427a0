import { describe, expect, it } from 'vitest'
import { containsHomophone, syllables } from './pinyin-match'
import { randomJoin, seededRandom } from '../../main/sources/testing/prng'
import { DIGIT_MEMES, readMeme, SLANG, SYMBOLS, verbalize } from './verbalize'

describe('verbalize', () => {
  it.each([
    ['666', '六六六'],
    ['2333333', '二三三三三三三'],
    ['520', '五二零'],
    ['我有1314个心', '我有一三一四个心'],
    ['价格123元', '价格123元'],
    ['xswl hhhh', '笑死我了 哈哈哈'],
    ['A&B', 'A和B'],
    ['@主播', '艾特主播'],
    ['真的吗？？？', '真的吗？'],
    ['3x4', '3乘4'],
    // Each symbol rule runs only when its character is present: these pin every rule's output.
    ['50%涨了', '百分之50涨了'],
    ['1.5 %', '百分之1.5'],
    ['1+1=2', '1加1=2'],
    ['9 + 9', '9加9'],
    ['3 × 4', '3乘4'],
    ['10w粉丝', '10万粉丝'],
    ['3wA', '3wA'],
    ['~~好~~', '好'],
    ['520～～', '五二零'],
    ['！！！', '！'],
    ['#话题#', '话题'],
    ['＃1', '1'],
    ['==__--', ''],
    ['a&b@c', 'a和b艾特c'],
    ['第12条弹幕,主播好', '第12条弹幕,主播好'],
    ['yyds 666!!', '永远的神 六六六！']
  ])('%s → %s', (input, output) => {
    expect(verbalize(input)).toBe(output)
  })
})

describe('homophone matching', () => {
  it('matches by sound, not by characters', () => {
    expect(syllables('加微信')).toEqual(['jia', 'wei', 'xin'])
    expect(containsHomophone('嘉威信看福利', ['加微信'])).toBe(true)
    expect(containsHomophone('家里有微信吗', ['加微信'])).toBe(false)
    expect(containsHomophone('任何', ['好'])).toBe(false)
  })
})

describe('verbalize, on random comments', () => {
  it('gives what every pass applied in turn gives (its pre-tests only skip passes that change nothing)', () => {
    // The plain definition: every pass of the module's own tables, always, in turn.
    const plain = (input: string) => {
      let text = input
      for (const [pattern, to] of SLANG) text = text.replace(pattern, to)
      text = text.replace(DIGIT_MEMES, readMeme)
      for (const [pattern, to] of SYMBOLS) text = text.replace(pattern, to)
      return text.replace(/\s+/gu, ' ').trim()
    }
    const parts = [
      ...'哈6892305.1%+x×wW万&@~～?？!！#＃_-=',
      ' ',
      '  ',
      '\t',
      '\u3000',
      '\u00a0',
      'yyds',
      'YYDS',
      'hhhh',
      'dd',
      'qaq',
      'orz',
      'OTZ',
      'ſ',
      '\u212a',
      '主播',
      '😀'
    ]
    const random = seededRandom(5)
    for (let n = 0; n < 5000; n++) {
      const input = randomJoin(random, parts, 1, 10)
      expect(verbalize(input), JSON.stringify(input)).toBe(plain(input))
    }
  })
})
