import { describe, expect, it } from 'vitest'
import { chooseType, shouldMerge, type TypeBacklog } from './schedule'

const LINE = 3000
const b = (over: Partial<TypeBacklog> & Pick<TypeBacklog, 'type'>): TypeBacklog => ({
  count: 1,
  waitedMs: 0,
  targetMs: 20_000,
  weight: 1,
  priority: 1,
  ...over
})

describe('scheduling rules', () => {
  it('nothing waiting: nothing to say', () => {
    expect(chooseType([], LINE)).toBeUndefined()
    expect(chooseType([b({ type: 'chat', count: 0 })], LINE)).toBeUndefined()
  })

  it('a type about to miss its target goes first', () => {
    const gift = b({ type: 'gift', targetMs: 10_000, waitedMs: 5000, weight: 3 })
    const chat = b({ type: 'chat', waitedMs: 9000, weight: 1.5 })
    expect(chooseType([chat, gift], LINE)?.type).toBe('gift')
  })

  it('while nobody is due, time goes by weight and waiting, not to the short target again', () => {
    const gift = b({ type: 'gift', targetMs: 10_000, waitedMs: 1000, weight: 3 })
    const chat = b({ type: 'chat', waitedMs: 8000, weight: 1.5 })
    expect(chooseType([gift, chat], LINE)?.type).toBe('chat')
  })

  it('when all are late, lateness times weight decides; equal scores go to the higher priority', () => {
    const follow = b({ type: 'follow', waitedMs: 40_000, weight: 2.5, priority: 3 })
    const fans = b({ type: 'fansclub', targetMs: 30_000, waitedMs: 60_000, weight: 1.5 })
    expect(chooseType([fans, follow], LINE)?.type).toBe('follow')
    const a = b({ type: 'share', waitedMs: 30_000, priority: 1 })
    const c = b({ type: 'member', waitedMs: 30_000, priority: 2 })
    expect(chooseType([a, c], LINE)?.type).toBe('member')
  })

  it('merges when one line each would miss the target', () => {
    const gifts = (count: number, waitedMs = 0) =>
      b({ type: 'gift', count, waitedMs, targetMs: 10_000 })
    expect(shouldMerge(gifts(1), 1, LINE)).toBe(false)
    expect(shouldMerge(gifts(3), 1, LINE)).toBe(false) // 3 s + 3 s + 3 s: in time
    expect(shouldMerge(gifts(4), 1, LINE)).toBe(true)
    expect(shouldMerge(gifts(2), 2, LINE)).toBe(false)
    expect(shouldMerge(gifts(3), 2, LINE)).toBe(true) // another busy type interleaves
    expect(shouldMerge(gifts(2, 8000), 1, LINE)).toBe(true) // already late
  })
})
