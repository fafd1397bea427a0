import { describe, expect, it } from 'vitest'
import { GenerationMap } from './generation-map'

describe('GenerationMap', () => {
  it('keeps an entry at least a span after its last write, and forgets it within two', () => {
    const m = new GenerationMap<string, number>(1000)
    m.advance(0)
    m.set('a', 1)
    m.advance(999)
    expect(m.get('a')).toBe(1)
    m.advance(1500) // turn: 'a' is in the previous generation
    expect(m.get('a')).toBe(1)
    m.set('a', 2) // rewritten: the current generation wins
    m.set('b', 3)
    expect(m.get('a')).toBe(2)
    m.advance(2600) // turn: the generation holding a=1 is dropped
    expect(m.get('a')).toBe(2)
    expect(m.get('b')).toBe(3)
    m.advance(3600)
    expect(m.get('a')).toBeUndefined()
    expect(m.size).toBe(0)
  })

  it('drops both generations after a silence of two spans', () => {
    const m = new GenerationMap<string, number>(1000)
    m.advance(0)
    m.set('a', 1)
    m.advance(1200)
    m.set('b', 2)
    m.advance(5000)
    expect(m.get('a')).toBeUndefined()
    expect(m.get('b')).toBeUndefined()
  })

  it('stays bounded by about two spans of writes over a long run', () => {
    const m = new GenerationMap<number, number>(1000)
    for (let t = 0; t < 200_000; t++) {
      m.advance(t)
      m.set(t, t)
      expect(m.size).toBeLessThanOrEqual(2000)
    }
    expect(m.get(199_999)).toBe(199_999)
    expect(m.get(197_000)).toBeUndefined()
  })
})
