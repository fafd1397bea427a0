import { describe, expect, it } from 'vitest'
import { collapseRepeats, containsBlockedWord, normalizeSpeech, truncate } from './normalize'

const opts = { maxLength: 50, maxRepeat: 3 }

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
