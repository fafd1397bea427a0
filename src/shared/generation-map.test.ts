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

describe('GenerationMap with a count bound', () => {
  it('turns early when the current generation is full, keeping the newest keys', () => {
    const m = new GenerationMap<number, number>(1000, 3)
    m.advance(0)
    for (let k = 1; k <= 3; k++) m.set(k, k)
    m.set(2, 20) // rewriting a held key does not turn
    expect(m.size).toBe(3)
    m.set(4, 4) // the fourth new key turns: 1..3 become the previous generation
    expect([1, 2, 3, 4].map((k) => m.get(k))).toEqual([1, 20, 3, 4])
    m.set(5, 5)
    m.set(6, 6)
    m.set(7, 7) // turns again: 1..3 are dropped, 4..6 kept
    expect([1, 2, 3].map((k) => m.get(k))).toEqual([undefined, undefined, undefined])
    expect([4, 5, 6, 7].map((k) => m.get(k))).toEqual([4, 5, 6, 7])
    expect(m.size).toBe(4)
  })

  it('never holds more than twice the bound, however many keys arrive within a span', () => {
    const m = new GenerationMap<number, number>(60_000, 1000)
    for (let k = 0; k < 50_000; k++) {
      m.advance(k / 100) // 50k keys in 500 ms
      m.set(k, k)
      expect(m.size).toBeLessThanOrEqual(2000)
    }
    // The newest bound's worth is always there.
    for (let k = 49_000; k < 50_000; k++) expect(m.get(k)).toBe(k)
  })

  it('restarts the span at a turn by count, so the time turn does not drop fresh keys', () => {
    const m = new GenerationMap<string, number>(1000, 2)
    m.advance(0)
    m.set('a', 1)
    m.advance(900)
    m.set('b', 2)
    m.set('c', 3) // turn by count at t=900: a, b previous; c current
    m.advance(1100) // a span after t=0 but not after the turn: nothing is dropped
    expect([m.get('a'), m.get('b'), m.get('c')]).toEqual([1, 2, 3])
    m.advance(1950) // a span after the turn: a and b are dropped, c is kept
    expect([m.get('a'), m.get('b'), m.get('c')]).toEqual([undefined, undefined, 3])
  })
})
