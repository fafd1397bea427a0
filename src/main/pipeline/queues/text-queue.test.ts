import { describe, expect, it } from 'vitest'
import type { EventType } from '../../../shared/events'
import type { LineType, SpeechDraft } from '../../../shared/speech'
import type { LinesDropped } from '../planner/spoken-line'
import { TextQueue } from './text-queue'

const PRIORITY: Record<string, number> = { gift: 4, follow: 3, chat: 2, member: 1 }
let n = 0
const draft = (type: EventType, text = `${type}${n}`, receivedAt = 1000): SpeechDraft => ({
  text,
  type,
  priority: PRIORITY[type] ?? 0,
  eventId: String(n++),
  receivedAt
})

function make(
  limits: { capacity?: number; cap?: Partial<Record<LineType, number>>; fresh?: number } = {}
) {
  const q = new TextQueue(() => ({
    capacity: limits.capacity ?? 100,
    capOf: (t) => limits.cap?.[t] ?? 100,
    freshnessMsOf: () => limits.fresh ?? 20_000
  }))
  const drops: LinesDropped[] = []
  q.onDidDrop((d) => drops.push(d))
  return { q, drops }
}

describe('TextQueue', () => {
  it('speaks the highest lane first, FIFO within a lane', () => {
    const { q } = make()
    for (let i = 0; i < 20; i++) q.push(draft('chat', `c${i}`))
    q.push(draft('member', 'm'))
    q.push(draft('gift', 'g'))
    q.push(draft('follow', 'f'))
    expect(q.take(0)?.text).toBe('g')
    expect(q.take(0)?.text).toBe('f')
    expect(q.take(0)?.text).toBe('c0')
    expect(q.take(0)?.text).toBe('c1')
    expect(q.peek(3).map((x) => x.text)).toEqual(['c2', 'c3', 'c4'])
    expect(q.lanes()).toEqual([
      { priority: 4, length: 0 },
      { priority: 3, length: 0 },
      { priority: 2, length: 18 },
      { priority: 1, length: 1 }
    ])
  })

  it('a higher line evicts the oldest lowest line when full; an equal one is dropped', () => {
    const { q, drops } = make({ capacity: 3 })
    q.push(draft('member', 'm1'))
    q.push(draft('chat', 'c1'))
    q.push(draft('member', 'm2'))
    q.push(draft('gift', 'g1'))
    expect(drops.map((d) => [d.drafts[0]!.text, d.reason])).toEqual([['m1', 'evicted']])
    q.push(draft('member', 'm3'))
    expect(drops.at(-1)).toMatchObject({ reason: 'queue-full', drafts: [{ text: 'm3' }] })
    expect(q.size).toBe(3)
  })

  it('a type at its cap drops its own oldest line', () => {
    const { q, drops } = make({ cap: { member: 2 } })
    q.push(draft('member', 'm1'))
    q.push(draft('member', 'm2'))
    q.push(draft('member', 'm3'))
    expect(drops.map((d) => [d.drafts[0]!.text, d.reason])).toEqual([['m1', 'over-cap']])
    expect(q.byType()).toEqual({ member: 2 })
  })

  it('drops stale lines on shift and on sweep, with the reason', () => {
    const { q, drops } = make({ fresh: 1000 })
    q.push(draft('chat', 'old', 0))
    q.push(draft('chat', 'new', 5000))
    expect(q.take(2000)?.text).toBe('new')
    expect(drops).toMatchObject([{ reason: 'stale', drafts: [{ text: 'old' }] }])
    q.push(draft('chat', 'a', 0))
    q.push(draft('gift', 'b', 0))
    expect(q.dropStale(10_000)).toBe(2)
    expect(q.size).toBe(0)
  })

  it('clear reports every line', () => {
    const { q, drops } = make()
    q.push(draft('chat'))
    q.push(draft('gift'))
    expect(q.clear()).toBe(2)
    expect(drops.map((d) => d.reason)).toEqual(['cleared', 'cleared'])
    expect(q.size).toBe(0)
    expect(q.take(0)).toBeUndefined()
  })
})
