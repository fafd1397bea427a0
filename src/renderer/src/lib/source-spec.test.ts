import { describe, expect, it } from 'vitest'
import { douyinTarget, fromSourceSpec, roomSpecFromInput, toSourceSpec } from './source-spec'

describe('source specs', () => {
  it('takes the link out of Douyin share text', () => {
    expect(
      douyinTarget('6- 【小鱼的直播间】 https://v.douyin.com/iAbCdEf/ 复制此链接，打开抖音')
    ).toBe('https://v.douyin.com/iAbCdEf/')
    expect(douyinTarget('  https://live.douyin.com/123456789  ')).toBe(
      'https://live.douyin.com/123456789'
    )
    expect(douyinTarget(' 123456789 ')).toBe('123456789')
  })

  it('builds the spec for each mode', () => {
    expect(toSourceSpec('douyin', 'https://live.douyin.com/42')).toBe(
      'douyin:https://live.douyin.com/42'
    )
    expect(toSourceSpec('relay', ' ws://127.0.0.1:8888 ')).toBe('relay:ws://127.0.0.1:8888')
    expect(toSourceSpec('demo', '')).toBe('demo')
    expect(toSourceSpec('replay', '/tmp/a.jsonl')).toBe('replay:/tmp/a.jsonl')
    expect(toSourceSpec('douyin', '   ')).toBeUndefined()
  })

  it('reads a spec back (paths may contain colons)', () => {
    expect(fromSourceSpec('replay:C:\\rec\\a.jsonl')).toEqual({
      mode: 'replay',
      input: 'C:\\rec\\a.jsonl'
    })
    expect(fromSourceSpec('demo')).toEqual({ mode: 'demo', input: '' })
    expect(fromSourceSpec('weird')).toBeUndefined()
  })

  it('reads the add-room box: a spec as typed, anything else as a Douyin room', () => {
    expect(roomSpecFromInput(' relay:ws://127.0.0.1:8888 ')).toBe('relay:ws://127.0.0.1:8888')
    expect(roomSpecFromInput('demo')).toBe('demo')
    expect(roomSpecFromInput('https://live.douyin.com/123456789')).toBe(
      'douyin:https://live.douyin.com/123456789'
    )
    expect(roomSpecFromInput('【小鱼的直播间】 https://v.douyin.com/iAbCdEf/ 复制此链接')).toBe(
      'douyin:https://v.douyin.com/iAbCdEf/'
    )
    expect(roomSpecFromInput('7890')).toBe('douyin:7890')
    expect(roomSpecFromInput('   ')).toBeUndefined()
  })
})
