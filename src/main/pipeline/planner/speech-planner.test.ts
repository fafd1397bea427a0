import { describe, expect, it } from 'vitest'
import type { EventType } from '../../../shared/events'
import { parseSettings, type Settings, type SettingsInput } from '../../../shared/settings'
import type { SpeechDraft } from '../../../shared/speech'
import { busyRoom } from '../../testing/busy-room'
import { ackSummary, simulatePlanner } from './testing/simulate'
import { SpeechPlanner } from './speech-planner'
import type { LinesDropped } from './spoken-line'

function settings(input: SettingsInput = {}): Settings {
  const r = parseSettings(input)
  if (!r.ok) throw new Error(r.errors.join('; '))
  return r.settings
}

let clock = 0
let seq = 0
const now = () => clock

function make(input: SettingsInput = {}) {
  const s = settings(input)
  const planner = new SpeechPlanner(() => s, now)
  const drops: LinesDropped[] = []
  planner.onDidDrop((d) => drops.push(d))
  return { planner, drops, s }
}

function draft(type: EventType, who: string, extra: Partial<SpeechDraft> = {}): SpeechDraft {
  const id = String(++seq)
  return {
    text: `${who}:${type}:${id}`,
    type,
    priority: 3,
    eventId: id,
    receivedAt: clock,
    userId: `u-${who}`,
    who,
    ...extra
  }
}
const gift = (who: string, value = 1, extra: Partial<SpeechDraft> = {}) =>
  draft('gift', who, { gift: { name: '小心心', count: 1, value }, ...extra })

describe('SpeechPlanner', () => {
  it('a quiet room: one line per event, each as the processing stage wrote it', () => {
    clock = 0
    const { planner } = make()
    const follow = draft('follow', '阿伟')
    planner.push(follow)
    expect(planner.size).toBe(1)
    const line = planner.take(clock)!
    expect(line).toMatchObject({ text: follow.text, eventIds: [follow.eventId], type: 'follow' })
    expect(planner.size).toBe(0)
    expect(planner.take(clock)).toBeUndefined()
  })

  it('events that would miss their target become one line, covering them in arrival order', () => {
    clock = 0
    const { planner } = make()
    const gifts = Array.from({ length: 12 }, (_, i) => gift(`观众${i}`, i + 1))
    for (const g of gifts) planner.push(g)
    const line = planner.take(clock)!
    expect(line.eventIds).toEqual(gifts.map((g) => g.eventId))
    expect(line.eventId).toBe(gifts[0]!.eventId)
    // Names read: the biggest givers first, up to the limit, then the count.
    expect(line.text).toBe('感谢观众11、观众10、观众9等12位朋友送的小心心')
    expect(planner.size).toBe(0)
    expect(planner.typeStatus().gift).toMatchObject({ merges: 1, mergedEvents: 12 })
  })

  it('a few events with time to spare are read one by one', () => {
    clock = 0
    const { planner } = make()
    planner.push(gift('A'))
    planner.push(gift('B'))
    expect(planner.take(clock)!.eventIds).toHaveLength(1)
    expect(planner.take(clock)!.eventIds).toHaveLength(1)
  })

  it('a big gift goes ahead of the line settled next, which is then planned afresh', () => {
    clock = 0
    const { planner } = make()
    planner.push(draft('chat', '甲', { priority: 2 }))
    planner.push(draft('follow', '乙'))
    const first = planner.take(clock)!
    // The current line plays; the one after it is settled (synthesised ahead).
    planner.prepareNext(clock)
    expect(planner.upcoming(2)).toHaveLength(1)
    clock = 1000
    const big = gift('老板', 1200, { big: true, text: '哇！感谢老板送出的1个跑车，老板大气！' })
    planner.push(big)
    // Never cutting off `first` (the dispatcher only asks when the line has ended)...
    const next = planner.take(clock)!
    expect(next.eventIds).toEqual([big.eventId])
    expect(next.text).toBe(big.text)
    // ...and what had been settled is still spoken, after it.
    const after = planner.take(clock)!
    expect([first.type, after.type].sort()).toEqual(['chat', 'follow'])
    expect(planner.size).toBe(0)
  })

  it("the app's own lines (test voice, alerts) and the live's end go first", () => {
    clock = 0
    const { planner } = make()
    planner.push(gift('A'))
    planner.push(draft('end', '', { text: '直播已结束' }))
    planner.push(draft('chat', '', { text: '测试', system: true, priority: 9 }))
    expect(planner.take(clock)!.text).toBe('直播已结束')
    expect(planner.take(clock)!.text).toBe('测试')
    expect(planner.take(clock)!.type).toBe('gift')
  })

  it('several big gifts share a line only when one line each would miss the target', () => {
    clock = 0
    const { planner } = make()
    const bigs = ['A', 'B'].map((w) => gift(w, 1200, { big: true }))
    bigs.forEach((b) => planner.push(b))
    expect(planner.take(clock)!.eventIds).toEqual([bigs[0]!.eventId])
    expect(planner.take(clock)!.eventIds).toEqual([bigs[1]!.eventId])
    const many = ['C', 'D', 'E', 'F'].map((w) => gift(w, 1200, { big: true }))
    many.forEach((b) => planner.push(b))
    const shared = planner.take(clock)!
    expect(shared.eventIds).toHaveLength(3)
    expect(shared.text).toBe('感谢C的小心心、D的小心心和E的小心心！')
  })

  it('chats are sampled: the oldest while still fresh, then the newest', () => {
    clock = 0
    const { planner } = make()
    const old = draft('chat', '早', { priority: 2 })
    planner.push(old)
    clock = 12_000 // older than half the 20 s freshness
    const fresh = draft('chat', '新', { priority: 2 })
    planner.push(draft('chat', '中', { priority: 2 }))
    planner.push(fresh)
    expect(planner.take(clock)!.eventIds).toEqual([fresh.eventId])
  })

  it('drops with reasons: stale past freshness, over the chat cap, cleared', () => {
    clock = 0
    const { planner, drops } = make({ events: { chat: { cap: 2, freshnessSec: 5 } } })
    const a = draft('chat', 'a')
    planner.push(a)
    planner.push(draft('chat', 'b'))
    planner.push(draft('chat', 'c'))
    expect(drops).toEqual([{ drafts: [a], reason: 'over-cap' }])
    clock = 6000
    expect(planner.dropStale(clock)).toBe(2)
    expect(drops.at(-1)).toMatchObject({ reason: 'stale' })
    planner.push(gift('g'))
    planner.push(draft('follow', 'f'))
    expect(planner.clear('cleared')).toBe(2)
    expect(planner.size).toBe(0)
  })

  it('the rate rises with the backlog, up to the maximum, and falls back as it drains', () => {
    clock = 0
    const { planner } = make({
      events: { chat: { freshnessSec: 600 } },
      plan: { rateBoost: { startBacklogSec: 12, maxPercent: 30 } }
    })
    for (let i = 0; i < 40; i++) planner.push(draft('chat', `c${i}`, { priority: 2 }))
    const boosts: number[] = []
    for (let i = 0; i < 8; i++) {
      clock += 3000
      boosts.push(planner.take(clock)!.boost ?? 0)
    }
    expect(boosts[0]).toBeLessThan(30)
    expect(boosts.at(-1)).toBe(30)
    expect(boosts).toEqual([...boosts].sort((a, b) => a - b))
    const fast = planner.take(clock)!
    expect(fast.rate).toBe(Math.round(175 * 1.3))
    planner.clear('cleared')
    const after: number[] = []
    for (let i = 0; i < 8; i++) {
      clock += 3000
      planner.push(draft('follow', `f${i}`))
      after.push(planner.take(clock)?.boost ?? 0)
    }
    expect(after.at(-1)).toBe(0)
    expect(after).toEqual([...after].sort((a, b) => b - a))
  })

  it('a weight of 0 still speaks when nothing else waits', () => {
    clock = 0
    const { planner } = make({ events: { share: { weight: 0 } } })
    planner.push(draft('share', 's'))
    expect(planner.take(clock)!.type).toBe('share')
  })
})

describe('several rooms share the planner', () => {
  it("never merges two rooms' events; a room's prefix, voice and weight apply to its lines", () => {
    clock = 0
    const s = settings()
    const rules = (room: string | undefined) =>
      room === 'r2' ? { weight: 0, prefix: '二号间：', voice: 'room2voice' } : undefined
    const planner = new SpeechPlanner(() => s, now, rules)
    const a = ['A1', 'A2', 'A3', 'A4'].map((w) => gift(w, 1, { roomId: 'r1' }))
    const b = ['B1', 'B2', 'B3', 'B4'].map((w) => gift(w, 1, { roomId: 'r2' }))
    for (const d of [...a, ...b]) planner.push(d)
    // Room 2 has weight 0: room 1's gifts first, merged among themselves only.
    const first = planner.take(clock)!
    expect(first.eventIds).toEqual(a.map((d) => d.eventId))
    expect(first.roomId).toBe('r1')
    const second = planner.take(clock)!
    expect(second.eventIds).toEqual(b.map((d) => d.eventId))
    expect(second).toMatchObject({ roomId: 'r2', voice: 'room2voice' })
    expect(second.text.startsWith('二号间：感谢')).toBe(true)
  })

  it('a room switched off loses what it had waiting, big gifts included; the others stay', () => {
    clock = 0
    const { planner, drops } = make()
    const a = [gift('A1', 1, { roomId: 'r1' }), gift('A2', 9, { roomId: 'r1', big: true })]
    const b = [gift('B1', 1, { roomId: 'r2' }), gift('B2', 9, { roomId: 'r2', big: true })]
    for (const d of [...a, ...b]) planner.push(d)
    expect(planner.dropRoom('r2', 'room-off')).toBe(2)
    expect(drops).toEqual([{ drafts: [b[0], b[1]], reason: 'room-off' }])
    const left: string[] = []
    for (let line = planner.take(clock); line; line = planner.take(clock))
      left.push(...line.eventIds)
    expect(left.sort()).toEqual(a.map((d) => d.eventId).sort())
  })
})

describe('the planner over a busy room (virtual clock, real processing rules)', () => {
  for (const [rate, bigOwnLine, bigWithinMs] of [
    [100, true, 10_000],
    [300, false, 15_000]
  ] as const) {
    it(`${rate} events/s for 2 minutes: gifts, big gifts and follows in time, no type starves`, () => {
      const room = busyRoom({ eventsPerSec: rate, durationSec: 120, seed: 7 })
      const sim = simulatePlanner(room, settings())
      // The contract: every event ends in exactly one record.
      expect(sim.appearances.size).toBe(room.length)
      expect([...sim.appearances.values()].every((n) => n === 1)).toBe(true)
      const gifts = ackSummary(sim, 'gift')
      expect(gifts.coverage).toBeGreaterThanOrEqual(0.98)
      expect(gifts.p95).toBeLessThanOrEqual(15_000)
      expect(ackSummary(sim, 'follow').coverage).toBeGreaterThanOrEqual(0.9)
      const big = [...sim.events.values()].filter((e) => e.big)
      expect(big.length).toBeGreaterThan(0)
      for (const e of big) {
        expect(e.ackAt! - e.receivedAt).toBeLessThanOrEqual(bigWithinMs)
        if (bigOwnLine) expect(e.ownLine).toBe(true)
      }
      // No type starves: fans-club joins and a sample of chats get through while gifts pour in.
      expect(ackSummary(sim, 'fansclub').coverage).toBeGreaterThan(0.3)
      const chats = sim.lines.filter((l) => l.line.type === 'chat')
      expect(chats.length).toBeGreaterThanOrEqual(4)
      expect(ackSummary(sim, 'chat').max).toBeLessThanOrEqual(20_000)
    })
  }
})
