import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { fakeStatus } from '../testing/fakes'
import { backlog, cacheHitRate, groupNotices, laneTypes } from './derived'
import { noticeKey } from './reducers'

const withQueue = (length: number, extra: Partial<ReturnType<typeof fakeStatus>> = {}) =>
  fakeStatus({
    queues: {
      message: { length: 0, capacity: 5000 },
      text: { length, capacity: 200, lanes: [], byType: {}, oldestWaitMs: 0 }
    },
    ...extra
  })

describe('derived values', () => {
  it('cache hit rate counts joined requests as served', () => {
    expect(
      cacheHitRate({ hits: 1, misses: 2, coalesced: 1, entries: 0, bytes: 0, maxBytes: 1 })
    ).toBe(0.5)
    expect(
      cacheHitRate({ hits: 0, misses: 0, coalesced: 0, entries: 0, bytes: 0, maxBytes: 1 })
    ).toBeUndefined()
  })

  it('warns on a long queue, alerts on a nearly full one, and estimates the wait', () => {
    expect(backlog(withQueue(5))).toBeNull()
    expect(backlog(withQueue(30))).toMatchObject({ level: 'warn', lines: 30, drainSec: 60 })
    expect(backlog(withQueue(160))).toMatchObject({ level: 'alert' })
    expect(backlog(null)).toBeNull()
  })

  it('warns on latency alone while lines wait', () => {
    const slow = {
      miss: { count: 9 },
      hit: { count: 0 },
      all: { count: 9, p50: 9000, p95: 12_000 },
      recent: { count: 9, p50: 9000, p95: 12_000 }
    }
    expect(backlog(withQueue(2, { latency: slow }))).toMatchObject({ level: 'warn', p95Ms: 12_000 })
    expect(backlog(withQueue(0, { latency: slow }))).toBeNull()
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
