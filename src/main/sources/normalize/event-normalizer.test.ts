import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../../shared/events'
import { ManualClock } from '../../testing/manual-clock'
import { EventNormalizer, type NormalizeOptions } from './event-normalizer'
import type { SourceEvent } from './source-event'

function setup(options: NormalizeOptions = {}) {
  const clock = new ManualClock(1_700_000_000_000)
  const out: LiveEvent[] = []
  const n = new EventNormalizer((e) => out.push(e), { clock, ...options })
  return { clock, out, n }
}

let seq = 0
function gift(
  user: string,
  giftId: string,
  groupId: string,
  total: number,
  extra: { end?: boolean; comboable?: boolean; id?: string; nickname?: string } = {}
): SourceEvent {
  return {
    type: 'gift',
    id: extra.id ?? `m${++seq}`,
    ts: 1,
    user: { id: user, nickname: extra.nickname ?? `n${user}` },
    gift: { id: giftId, name: `g${giftId}`, count: total, diamonds: 1 },
    combo: { groupId, total, comboable: extra.comboable ?? true, end: extra.end ?? false }
  }
}

describe('gift combos', () => {
  it('announces one event with the final count on repeat_end, and drops the late summary', async () => {
    const { out, n, clock } = setup()
    for (const c of [1, 2, 3]) n.push(gift('u1', '463', 'g1', c))
    expect(out).toEqual([])
    n.push(gift('u1', '463', 'g1', 3, { end: true }))
    expect(out).toHaveLength(1)
    expect(out[0]!.gift).toEqual({ id: '463', name: 'g463', count: 3, diamonds: 1 })
    expect(out[0]).not.toHaveProperty('combo')
    n.push(gift('u1', '463', 'g1', 3, { end: true }))
    n.push(gift('u1', '463', 'g1', 3))
    await clock.advance(60_000)
    expect(out).toHaveLength(1)
    expect(n.counters.giftsLate).toBe(2)
  })

  it('drops duplicates by message id and keeps the max of skipped counts', () => {
    const { out, n } = setup()
    n.push(gift('u1', '1', 'g', 1, { id: 'a' }))
    n.push(gift('u1', '1', 'g', 1, { id: 'a' }))
    n.push(gift('u1', '1', 'g', 2, { id: 'b' }))
    n.push(gift('u1', '1', 'g', 5, { id: 'c' }))
    n.push(gift('u1', '1', 'g', 3, { id: 'd' })) // out of order: must not lower the count
    n.push(gift('u1', '1', 'g', 6, { id: 'e', end: true }))
    expect(out.map((e) => e.gift?.count)).toEqual([6])
    expect(n.counters.duplicates).toBe(1)
  })

  it('ends a combo that never sends repeat_end after the idle timeout, then drops stragglers', async () => {
    const { out, n, clock } = setup({ giftIdleMs: 1000 })
    n.push(gift('u1', '9', 'g', 1))
    await clock.advance(900)
    n.push(gift('u1', '9', 'g', 2)) // restarts the idle timer
    await clock.advance(900)
    expect(out).toHaveLength(0)
    await clock.advance(200)
    expect(out.map((e) => e.gift?.count)).toEqual([2])
    n.push(gift('u1', '9', 'g', 2)) // a duplicate with a fresh msg id
    n.push(gift('u1', '9', 'g', 2, { end: true }))
    await clock.advance(5000)
    expect(out).toHaveLength(1)
  })

  it('keeps interleaved users and gifts apart', () => {
    const { out, n } = setup()
    n.push(gift('u1', 'rose', 'g1', 1))
    n.push(gift('u2', 'rose', 'g2', 1))
    n.push(gift('u1', 'heart', 'g3', 1))
    n.push(gift('u1', 'rose', 'g1', 2))
    n.push(gift('u2', 'rose', 'g2', 4))
    n.push(gift('u2', 'rose', 'g2', 4, { end: true }))
    n.push(gift('u1', 'rose', 'g1', 2, { end: true }))
    n.flush()
    expect(out.map((e) => `${e.user?.id}:${e.gift?.id}:${e.gift?.count}`)).toEqual([
      'u2:rose:4',
      'u1:rose:2',
      'u1:heart:1'
    ])
  })

  it('announces a non-combo gift at once and swallows its summary', () => {
    const { out, n } = setup()
    n.push(gift('u1', 'rocket', 'g9', 1, { comboable: false }))
    expect(out).toHaveLength(1)
    n.push(gift('u1', 'rocket', 'g9', 1, { comboable: false, end: true }))
    expect(out).toHaveLength(1)
  })

  it('counts separate plain gifts without a group id', () => {
    const { out, n } = setup()
    n.push(gift('u1', 'x', '0', 1, { comboable: false }))
    n.push(gift('u1', 'x', '0', 1, { comboable: false }))
    n.push(gift('u1', 'x', '0', 1, { comboable: false, end: true }))
    expect(out).toHaveLength(2)
  })

  it('sums increments when the source sends no cumulative count', () => {
    const { out, n } = setup()
    const inc = (id: string, increment: number): SourceEvent => ({
      ...gift('u1', '5', 'g', 0, { id }),
      combo: { groupId: 'g', increment, comboable: true, end: false }
    })
    n.push(inc('a', 1))
    n.push(inc('b', 2))
    n.push(inc('c', 3))
    n.flush()
    expect(out.map((e) => e.gift?.count)).toEqual([6])
  })

  it('does not inflate cumulative counts when increments are duplicated', () => {
    const { out, n } = setup()
    const both = (id: string, total: number, increment: number): SourceEvent => ({
      ...gift('u1', '5', 'g', total, { id }),
      combo: { groupId: 'g', total, increment, comboable: true, end: false }
    })
    n.push(both('a', 1, 1))
    n.push(both('b', 3, 2))
    n.push(both('c', 3, 2)) // same push twice under another id
    n.flush()
    expect(out.map((e) => e.gift?.count)).toEqual([3])
  })

  it('flushes open combos before the end event', () => {
    const { out, n } = setup()
    n.push(gift('u1', '1', 'g', 7))
    n.push({ type: 'end', id: 'end1', ts: 2 })
    expect(out.map((e) => e.type)).toEqual(['gift', 'end'])
    expect(out[0]!.gift?.count).toBe(7)
  })

  it('emits nothing after dispose, even when a timer was due', async () => {
    const { out, n, clock } = setup({ giftIdleMs: 10 })
    n.push(gift('u1', '1', 'g', 1))
    n.dispose()
    await clock.advance(1000)
    n.push(gift('u1', '1', 'g', 2))
    expect(out).toEqual([])
    expect(clock.pending).toBe(0)
  })
})

describe('likes, members, masks', () => {
  const like = (user: string, count: number, total: number): SourceEvent => ({
    type: 'like',
    id: `l${++seq}`,
    ts: 1,
    user: { id: user, nickname: user },
    count,
    total
  })

  it('sums likes per user over the window', async () => {
    const { out, n, clock } = setup({ likeWindowMs: 1000 })
    n.push(like('a', 2, 100))
    n.push(like('b', 1, 101))
    n.push(like('a', 3, 104))
    await clock.advance(999)
    expect(out).toHaveLength(0)
    await clock.advance(1)
    expect(out.map((e) => [e.user?.id, e.count, e.total])).toEqual([
      ['a', 5, 104],
      ['b', 1, 101]
    ])
    n.push(like('a', 1, 105))
    await clock.advance(1000)
    expect(out.at(-1)?.count).toBe(1)
  })

  it('throttles member-enter room-wide and per viewer', async () => {
    const { out, n, clock } = setup({ memberIntervalMs: 1000, memberRepeatMs: 10_000 })
    const member = (user: string): SourceEvent => ({
      type: 'member',
      id: `e${++seq}`,
      ts: 1,
      user: { id: user, nickname: user }
    })
    n.push(member('a'))
    n.push(member('b')) // too soon after a
    await clock.advance(1000)
    n.push(member('a')) // same viewer again inside repeat window
    n.push(member('c'))
    await clock.advance(10_000)
    n.push(member('a'))
    expect(out.map((e) => e.user?.id)).toEqual(['a', 'c', 'a'])
    expect(n.counters.membersDropped).toBe(2)
  })

  it('flags masked nicknames and the anonymous uid', () => {
    const { out, n } = setup()
    const chat = (id: string, nickname: string): SourceEvent => ({
      type: 'chat',
      id: `c${++seq}`,
      ts: 1,
      user: { id, nickname },
      content: 'hi'
    })
    n.push(chat('5', '用户****'))
    n.push(chat('6', '薛***'))
    n.push(chat('111111', 'x'))
    n.push(chat('7', '小*明'))
    expect(out.map((e) => e.user?.masked === true)).toEqual([true, true, true, false])
  })

  it('passes other types through once', () => {
    const { out, n } = setup()
    const e: SourceEvent = { type: 'follow', id: '1', ts: 1, user: { id: '1', nickname: 'x' } }
    n.push(e)
    n.push(e)
    n.push({ type: 'stats', id: '2', ts: 1, online: 5 })
    expect(out.map((x) => x.type)).toEqual(['follow', 'stats'])
  })
})
