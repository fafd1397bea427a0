import { describe, expect, it } from 'vitest'
import { parseSettings, type Settings, type SettingsInput } from '../../../shared/settings'
import type { SpeechDraft } from '../../../shared/speech'
import { TextQueue } from '../queues/text-queue'
import { LoadShedder } from './load-shedder'
import { prewarmLines } from './prewarm-lines'
import { MAX_REMEMBERED, SpamGuard } from './spam-guard'
import { SpeechPolicy } from './speech-policy'

function settings(input: SettingsInput = {}): Settings {
  const r = parseSettings(input)
  if (!r.ok) throw new Error(r.errors.join())
  return r.settings
}
let clock = 0
const now = () => clock
const chat = (userId: string, text: string, extra: Partial<SpeechDraft> = {}): SpeechDraft => ({
  text,
  type: 'chat',
  priority: 2,
  eventId: String(Math.random()),
  receivedAt: clock,
  userId,
  dedupeKey: text,
  ...extra
})

describe('SpamGuard', () => {
  it('limits each user per sliding window', () => {
    clock = 0
    const g = new SpamGuard(
      () => settings({ antiSpam: { perUserLimit: 2, perUserWindowSec: 10, dedupeWindowSec: 0 } }),
      now
    )
    expect(g.admit(chat('u1', 'a'), 0)).toBeUndefined()
    clock = 1000
    expect(g.admit(chat('u1', 'b'), 0)).toBeUndefined()
    clock = 2000
    expect(g.admit(chat('u1', 'c'), 0)).toBe('rate-limited')
    expect(g.admit(chat('u2', 'c'), 0)).toBeUndefined()
    clock = 10_500
    expect(g.admit(chat('u1', 'd'), 0)).toBeUndefined()
    expect(g.admit(chat('u1', 'e', { allowed: true }), 0)).toBeUndefined()
    expect(g.admit({ ...chat('u1', 'gift'), type: 'gift' }, 0)).toBeUndefined()
  })

  it('reads the same text once per window, whoever sends it', () => {
    clock = 0
    const g = new SpamGuard(
      () => settings({ antiSpam: { perUserLimit: 0, dedupeWindowSec: 30 } }),
      now
    )
    expect(g.admit(chat('u1', '主播好'), 0)).toBeUndefined()
    expect(g.admit(chat('u2', '主播好'), 0)).toBe('duplicate')
    clock = 31_000
    expect(g.admit(chat('u3', '主播好'), 0)).toBeUndefined()
  })

  it('samples chats fairly at level 3: one per interval, not the same user again', () => {
    clock = 0
    const g = new SpamGuard(
      () =>
        settings({
          antiSpam: { perUserLimit: 0, dedupeWindowSec: 0 },
          shedding: { sampleEverySec: 3 }
        }),
      now
    )
    expect(g.admit(chat('u1', 'a'), 3)).toBeUndefined()
    clock = 1000
    expect(g.admit(chat('u2', 'b'), 3)).toBe('shed')
    clock = 3500
    expect(g.admit(chat('u1', 'c'), 3)).toBe('shed')
    expect(g.admit(chat('u2', 'd'), 3)).toBeUndefined()
  })
})

/** The rules as plainly as they can be written: every admission kept, nothing forgotten. */
class PlainGuard {
  readonly times = new Map<string, number[]>()
  readonly said = new Map<string, number>()
  lastSampled = -Infinity
  constructor(private readonly s: () => Settings) {}
  admit(d: SpeechDraft, level: number, now: number): string | undefined {
    const { antiSpam, shedding } = this.s()
    const mine = this.times.get(d.userId!) ?? []
    const limit = antiSpam.perUserLimit
    if (
      limit > 0 &&
      mine.length >= limit &&
      now - mine[mine.length - limit]! < antiSpam.perUserWindowSec * 1000
    )
      return 'rate-limited'
    const at = this.said.get(d.dedupeKey!)
    if (
      antiSpam.dedupeWindowSec > 0 &&
      at !== undefined &&
      now - at < antiSpam.dedupeWindowSec * 1000
    )
      return 'duplicate'
    if (level === 3) {
      if (now - this.lastSampled < shedding.sampleEverySec * 1000) return 'shed'
      if (mine.length > 0 && now - mine[mine.length - 1]! < 30_000) return 'shed'
      this.lastSampled = now
    }
    // Only as many times as the limit in force can use (a raised limit starts from these).
    this.times.set(d.userId!, [...mine, now].slice(-Math.max(limit, 1)))
    this.said.set(d.dedupeKey!, now)
    return undefined
  }
}

describe('SpamGuard against the plain rules', () => {
  it('decides every chat as the plain rules do, while the limits change', () => {
    let seed = 7
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    let current = settings()
    const pick = () =>
      settings({
        antiSpam: {
          perUserLimit: [0, 1, 2, 3, 5][Math.floor(random() * 5)]!,
          perUserWindowSec: [1, 5, 20, 90][Math.floor(random() * 4)]!,
          dedupeWindowSec: [0, 3, 30][Math.floor(random() * 3)]!
        },
        shedding: { sampleEverySec: 1 + Math.floor(random() * 3) }
      })
    clock = 1_800_000_000_000
    const g = new SpamGuard(() => current, now)
    const plain = new PlainGuard(() => current)
    const decided = new Map<string, number>()
    for (let step = 0; step < 20_000; step++) {
      if (step % 500 === 0) current = pick()
      clock += Math.floor(random() * 400)
      const d = chat(`u${Math.floor(random() * 40)}`, `t${Math.floor(random() * 60)}`)
      const level = step % 3000 < 600 ? 3 : 0
      const got = g.admit(d, level)
      expect(got).toBe(plain.admit(d, level, clock))
      decided.set(got ?? 'spoken', (decided.get(got ?? 'spoken') ?? 0) + 1)
    }
    // Every rule had its say.
    expect([...decided.keys()].sort()).toEqual(['duplicate', 'rate-limited', 'shed', 'spoken'])
  })

  it('remembers a bounded number of viewers and texts, however many arrive within a window', () => {
    clock = 0
    const defaults = settings()
    const g = new SpamGuard(() => defaults, now)
    let spoken = 0
    for (let i = 0; i < 5 * MAX_REMEMBERED; i++) {
      clock = i / 100 // all within one window
      if (g.admit(chat(`v${i}`, `text ${i}`), 0) === undefined) spoken++
    }
    expect(spoken).toBe(5 * MAX_REMEMBERED)
    expect(g.remembered).toBeLessThanOrEqual(4 * MAX_REMEMBERED)
    // The most recent viewer is still limited and the most recent text still deduplicated.
    const last = 5 * MAX_REMEMBERED - 1
    expect(g.admit(chat(`v${last}`, 'other'), 0)).toBeUndefined()
    expect(g.admit(chat(`v${last}`, 'another'), 0)).toBe('rate-limited')
    expect(g.admit(chat('someone', `text ${last}`), 0)).toBe('duplicate')
  })
})

describe('LoadShedder', () => {
  it('steps down at once and recovers one level at a time after a quiet spell', () => {
    clock = 0
    const s = new LoadShedder(
      () => settings({ shedding: { thresholds: [10, 20, 30, 40], recoverAfterSec: 5 } }),
      now
    )
    expect(s.update(5)).toBeUndefined()
    expect(s.update(25)).toEqual({ from: 0, to: 2, backlog: 25 })
    expect(s.mode).toBe('short')
    expect(s.update(45)).toEqual({ from: 2, to: 4, backlog: 45 })
    expect(s.update(25)).toBeUndefined()
    clock = 1000
    expect(s.update(10)).toBeUndefined()
    clock = 6500
    expect(s.update(10)).toEqual({ from: 4, to: 3, backlog: 10 })
    for (clock = 7000; clock < 60_000 && s.level > 0; clock += 1000) s.update(0)
    expect(s.level).toBe(0)
  })

  it('does nothing when disabled', () => {
    const s = new LoadShedder(() => settings({ shedding: { enabled: false } }), now)
    expect(s.update(10_000)).toBeUndefined()
    expect(s.level).toBe(0)
  })
})

describe('SpeechPolicy', () => {
  it('speaks a backlog alert ahead of the queue, with a cool-down', () => {
    clock = 0
    const s = settings({ shedding: { thresholds: [3, 6, 9, 12], alertCooldownSec: 60 } })
    const q = new TextQueue(() => ({
      capacity: 100,
      capOf: () => 100,
      freshnessMsOf: () => 60_000
    }))
    const logs: string[] = []
    const p = new SpeechPolicy(
      () => s,
      (draft) => q.push(draft),
      (_l, m) => logs.push(m),
      now
    )
    for (let i = 0; i < 4; i++) q.push(chat(`u${i}`, `line${i}`))
    p.tick(q.size)
    expect(q.peek(1)[0]).toMatchObject({ text: '当前积压4条，已切换为不读昵称', priority: 9 })
    expect(logs[0]).toMatch(/backlog 4: speech stepped down to level 1/)
    for (let i = 0; i < 4; i++) q.push(chat(`v${i}`, `more${i}`))
    clock = 1000
    p.tick(q.size)
    expect(p.shedder.level).toBe(3) // 4 + the alert + 4 = 9 waiting
    expect(q.peek(10).filter((x) => x.priority === 9)).toHaveLength(1)
  })
})

describe('prewarm lines', () => {
  it('covers no-name lines and common gifts, every variant, no placeholders left', () => {
    const lines = prewarmLines(settings())
    expect(lines).toContain('感谢关注')
    expect(lines).toContain('感谢送出的1个小心心')
    expect(lines).toContain('欢迎新朋友')
    expect(lines.every((l) => !l.includes('{'))).toBe(true)
  })
})
