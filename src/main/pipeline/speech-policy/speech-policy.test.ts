import { describe, expect, it } from 'vitest'
import { parseSettings, type Settings, type SettingsInput } from '../../../shared/settings'
import type { SpeechDraft } from '../../../shared/speech'
import { TextQueue } from '../queues/text-queue'
import { LoadShedder } from './load-shedder'
import { prewarmLines } from './prewarm-lines'
import { SpamGuard } from './spam-guard'
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
