import { describe, expect, it } from 'vitest'
import type { EventType, LiveEvent } from '../../../shared/events'
import { MessageQueue, type MessageDrop } from './message-queue'

const priority: Record<EventType, number> = {
  gift: 4,
  follow: 3,
  chat: 2,
  share: 2,
  fansclub: 3,
  member: 1,
  like: 1,
  stats: 0,
  end: 5
}
const ev = (type: EventType, id: string): LiveEvent => ({ type, id, ts: 0 })

function queue(capacity: number) {
  const q = new MessageQueue(capacity, (t) => priority[t])
  const drops: MessageDrop[] = []
  q.onDidDrop((d) => drops.push(d))
  return { q, drops }
}

describe('MessageQueue', () => {
  it('is FIFO across types', () => {
    const { q } = queue(10)
    ;['chat', 'gift', 'like', 'chat'].forEach((t, i) => q.push(ev(t as EventType, String(i)), i))
    expect(q.take(10).events.map((e) => e.id)).toEqual(['0', '1', '2', '3'])
    expect(q.size).toBe(0)
  })

  it('takes in arrival order across interleaved runs of types, in any chunk size', () => {
    const { q } = queue(10_000)
    const types: EventType[] = ['chat', 'gift', 'like', 'member', 'follow']
    const ids: string[] = []
    // Runs of one type of varying length, as a flood interleaves them.
    for (let i = 0, run = 0; i < 1000; i++) {
      if (i % 7 === 0) run++
      const type = types[(run * 3 + (i % 2)) % types.length]!
      ids.push(String(i))
      q.push(ev(type, String(i)), i)
    }
    const taken: string[] = []
    for (let chunk = 1; q.size > 0; chunk = (chunk % 13) + 1)
      taken.push(...q.take(chunk).events.map((e) => e.id))
    expect(taken).toEqual(ids)
  })

  it('hands each event over with its own arrival time, through many compactions', () => {
    const { q } = queue(100_000)
    const taken: string[] = []
    const times: number[] = []
    const take = (n: number) => {
      const t = q.take(n)
      expect(t.receivedAt).toHaveLength(t.events.length)
      taken.push(...t.events.map((e) => e.id))
      times.push(...t.receivedAt)
    }
    // Arrival times past the small-integer range, as Date.now() gives them.
    const at = (i: number) => 1_764_000_000_000 + i * 0.5
    for (let i = 0; i < 20_000; i++) {
      q.push(ev(i % 3 === 0 ? 'gift' : 'chat', String(i)), at(i))
      if (i % 5 === 4) take(3)
    }
    while (q.size > 0) take(97)
    expect(taken).toEqual(Array.from({ length: 20_000 }, (_, i) => String(i)))
    expect(times).toEqual(Array.from({ length: 20_000 }, (_, i) => at(i)))
  })

  it('clear returns what waited in arrival order, with its times', () => {
    const { q } = queue(100)
    ;['chat', 'gift', 'like', 'chat'].forEach((t, i) =>
      q.push(ev(t as EventType, String(i)), 10 + i)
    )
    expect(q.clear().map((x) => [x.event.id, x.receivedAt])).toEqual([
      ['0', 10],
      ['1', 11],
      ['2', 12],
      ['3', 13]
    ])
    expect(q.size).toBe(0)
    expect(q.take(10).events).toEqual([])
  })

  it('sheds the oldest least important event when full, and counts it', () => {
    const { q, drops } = queue(3)
    q.push(ev('like', 'l1'), 0)
    q.push(ev('chat', 'c1'), 0)
    q.push(ev('like', 'l2'), 0)
    q.push(ev('gift', 'g1'), 0)
    expect(drops.map((d) => [d.item.event.id, d.reason])).toEqual([['l1', 'queue-full']])
    expect(drops[0]!.item.receivedAt).toBe(0)
    expect(q.take(10).events.map((e) => e.id)).toEqual(['c1', 'l2', 'g1'])
  })

  it('drops the incoming event when it is the least important', () => {
    const { q, drops } = queue(2)
    q.push(ev('gift', 'g1'), 0)
    q.push(ev('chat', 'c1'), 0)
    q.push(ev('like', 'l1'), 0)
    expect(drops.map((d) => d.item.event.id)).toEqual(['l1'])
    expect(q.dropped).toBe(1)
  })

  it('a like flood never pushes out a gift', () => {
    const { q } = queue(100)
    q.push(ev('gift', 'g'), 0)
    for (let i = 0; i < 10_000; i++) q.push(ev('like', `l${i}`), i)
    const ids = q.take(1000).events.map((e) => e.id)
    expect(ids[0]).toBe('g')
    expect(ids).toHaveLength(100)
  })
})
