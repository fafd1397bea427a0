import { describe, expect, it } from 'vitest'
import { ExpiringMap } from './expiring-map'

describe('ExpiringMap', () => {
  it('forgets entries whose last write is at or before the cut-off, keeping rewritten keys', () => {
    const m = new ExpiringMap<string, number>()
    m.set('a', 1, 100)
    m.set('b', 2, 200)
    m.set('a', 3, 300) // rewritten: its first log record must not delete it
    expect(m.expire(199)).toBe(0)
    expect(m.expire(200)).toBe(1)
    expect(m.get('b')).toBeUndefined()
    expect(m.get('a')).toBe(3)
    expect(m.writtenAt('a')).toBe(300)
    expect(m.expire(299)).toBe(0)
    expect(m.expire(300)).toBe(1)
    expect(m.size).toBe(0)
  })

  it('stays bounded by what was written within the horizon over a long run', () => {
    const m = new ExpiringMap<number, number>()
    for (let t = 0; t < 200_000; t++) {
      m.set(t % 5000, t, t)
      m.expire(t - 1000)
    }
    expect(m.size).toBe(1000)
    expect(m.get(199_999 % 5000)).toBe(199_999)
  })
})
