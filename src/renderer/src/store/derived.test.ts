import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { fakeStatus } from '../testing/fakes'
import { ackRows, cacheHitRate, groupNotices, laneTypes } from './derived'
import { noticeKey } from './reducers'

describe('derived values', () => {
  it('cache hit rate counts joined requests as served', () => {
    expect(
      cacheHitRate({ hits: 1, misses: 2, coalesced: 1, entries: 0, bytes: 0, maxBytes: 1 })
    ).toBe(0.5)
    expect(
      cacheHitRate({ hits: 0, misses: 0, coalesced: 0, entries: 0, bytes: 0, maxBytes: 1 })
    ).toBeUndefined()
  })

  it('grades how quickly each type is thanked against its target', () => {
    const status = fakeStatus({
      plan: {
        enabled: true,
        rateBoost: 20,
        backlogSec: 30,
        byType: {
          gift: {
            waiting: 3,
            lag: { count: 9, p95: 8000 },
            acknowledged: 9,
            merges: 2,
            mergedEvents: 7
          },
          follow: {
            waiting: 0,
            lag: { count: 4, p95: 25_000 },
            acknowledged: 4,
            merges: 1,
            mergedEvents: 4
          },
          chat: {
            waiting: 12,
            lag: { count: 2, p95: 45_000 },
            acknowledged: 2,
            merges: 0,
            mergedEvents: 0
          }
        }
      }
    })
    const rows = ackRows(status, DEFAULT_SETTINGS)
    expect(rows.map((r) => r.type)).toEqual([
      'gift',
      'follow',
      'fansclub',
      'share',
      'chat',
      'member',
      'like'
    ])
    expect(rows[0]).toMatchObject({
      lagMs: 8000,
      targetMs: 10_000,
      grade: 'ok',
      waiting: 3,
      merges: 2
    })
    expect(rows[1]).toMatchObject({ grade: 'late' })
    expect(rows[4]).toMatchObject({ grade: 'missed', waiting: 12 })
    expect(rows[2]!.grade).toBeUndefined()
    expect(ackRows(null, DEFAULT_SETTINGS)).toEqual([])
    const noLikes = {
      ...DEFAULT_SETTINGS,
      events: {
        ...DEFAULT_SETTINGS.events,
        like: { ...DEFAULT_SETTINGS.events.like, enabled: false }
      }
    }
    expect(ackRows(status, noLikes).map((r) => r.type)).not.toContain('like')
    expect(ackRows(status, DEFAULT_SETTINGS).map((r) => r.type)).not.toContain('reply')
    const withAi = { ...DEFAULT_SETTINGS, ai: { ...DEFAULT_SETTINGS.ai, enabled: true } }
    expect(ackRows(status, withAi).at(-1)).toMatchObject({ type: 'reply', targetMs: 20_000 })
  })

  it('names a lane by the event types with its priority', () => {
    expect(laneTypes(DEFAULT_SETTINGS.events.gift.priority, DEFAULT_SETTINGS)).toContain('gift')
    expect(laneTypes(42, DEFAULT_SETTINGS)).toEqual([])
  })

  it('groups notices per code, newest first, leaving out dismissed ones', () => {
    const notice = (code: string, at: number) => ({
      level: 'error' as const,
      code,
      message: `${code} at ${at}`,
      at
    })
    const list = [
      notice('audio-device', 1),
      notice('settings-recovered', 2),
      notice('audio-device', 3)
    ]
    const groups = groupNotices(list, [noticeKey(list[1]!)])
    expect(groups.map((g) => [g.latest.code, g.latest.at, g.keys.length])).toEqual([
      ['audio-device', 3, 2]
    ])
  })
})
