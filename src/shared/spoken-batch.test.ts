import { describe, expect, it } from 'vitest'
import { packSpoken, spokenAt, type SpokenBatch } from './spoken-batch'
import type { Spoken } from './worker-protocol'

describe('spoken batch', () => {
  it('unpacks every result as it was packed, optional fields and empty strings included', () => {
    const results: Spoken[] = [
      { text: '小橘子说：你好', content: '你好', who: '小橘子' },
      'blocked-word',
      { text: '感谢送出玫瑰', who: '', gift: '玫瑰', big: true },
      { text: '说：', content: '' },
      { text: '欢迎', who: '阿明', allowed: true },
      { text: '全部', content: 'c', who: 'w', gift: 'g', allowed: true, big: true },
      'processing-failed',
      { text: '' }
    ]
    const packed = packSpoken(results)
    // What crosses the thread boundary: strings and small integers only, no object per event.
    expect(packed.every((v) => typeof v === 'string' || typeof v === 'number')).toBe(true)
    const back = results.map((_, i) => spokenAt(packed, i))
    // toStrictEqual: an absent field stays absent (not undefined, not '').
    expect(back).toStrictEqual(results)
  })

  it('answers undefined for an event the batch has no result for, or a slot of the wrong type', () => {
    const packed = packSpoken([{ text: 'a' }, 'type-off'])
    expect(spokenAt(packed, 2)).toBeUndefined()
    expect(spokenAt(packed.slice(0, 7), 1)).toBeUndefined()
    const broken: SpokenBatch = [0, 0, 0, 0, 0]
    expect(spokenAt(broken, 0)).toBeUndefined()
  })
})
