import { describe, expect, it } from 'vitest'
import { containsHomophone, syllables } from './pinyin-match'
import { verbalize } from './verbalize'

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
    ['3x4', '3乘4']
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
