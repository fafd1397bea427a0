import { describe, expect, it } from 'vitest'
import { GenerationMap, seededHash } from './generation-map'

describe('GenerationMap', () => {
  it('keeps an entry at least a span after its last write, and forgets it within two', () => {
    const m = new GenerationMap<number>(1000)
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
    const m = new GenerationMap<number>(1000)
    m.advance(0)
    m.set('a', 1)
    m.advance(1200)
    m.set('b', 2)
    m.advance(5000)
    expect(m.get('a')).toBeUndefined()
    expect(m.get('b')).toBeUndefined()
  })

  it('stays bounded by about two spans of writes over a long run', () => {
    const m = new GenerationMap<number>(1000)
    for (let t = 0; t < 200_000; t++) {
      m.advance(t)
      m.set(String(t), t)
      expect(m.size).toBeLessThanOrEqual(2000)
    }
    expect(m.get('199999')).toBe(199_999)
    expect(m.get('197000')).toBeUndefined()
  })
})

describe('GenerationMap with a count bound', () => {
  it('turns early when the current generation is full, keeping the newest keys', () => {
    const m = new GenerationMap<number>(1000, 3)
    m.advance(0)
    for (let k = 1; k <= 3; k++) m.set(`${k}`, k)
    m.set('2', 20) // rewriting a held key does not turn
    expect(m.size).toBe(3)
    m.set('4', 4) // the fourth new key turns: 1..3 become the previous generation
    expect(['1', '2', '3', '4'].map((k) => m.get(k))).toEqual([1, 20, 3, 4])
    m.set('5', 5)
    m.set('6', 6)
    m.set('7', 7) // turns again: 1..3 are dropped, 4..6 kept
    expect(['1', '2', '3'].map((k) => m.get(k))).toEqual([undefined, undefined, undefined])
    expect(['4', '5', '6', '7'].map((k) => m.get(k))).toEqual([4, 5, 6, 7])
    expect(m.size).toBe(4)
  })

  it('never holds more than twice the bound, however many keys arrive within a span', () => {
    const m = new GenerationMap<number>(60_000, 1000)
    for (let k = 0; k < 50_000; k++) {
      m.advance(k / 100) // 50k keys in 500 ms
      m.set(`k${k}`, k)
      expect(m.size).toBeLessThanOrEqual(2000)
    }
    // The newest bound's worth is always there.
    for (let k = 49_000; k < 50_000; k++) expect(m.get(`k${k}`)).toBe(k)
  })

  it('restarts the span at a turn by count, so the time turn does not drop fresh keys', () => {
    const m = new GenerationMap<number>(1000, 2)
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

/** The rules as plainly as they can be written (two Maps), for the property tests below. */
class ModelGenerationMap {
  current = new Map<string, number>()
  previous = new Map<string, number>()
  since = -Infinity
  now = -Infinity
  constructor(
    readonly spanMs: number,
    readonly maxEntries: number
  ) {}
  get size() {
    return this.current.size + this.previous.size
  }
  advance(now: number) {
    this.now = now
    if (now - this.since < this.spanMs) return
    this.previous = now - this.since < 2 * this.spanMs ? this.current : new Map()
    this.current = new Map()
    this.since = now
  }
  get(key: string) {
    return this.current.get(key) ?? this.previous.get(key)
  }
  set(key: string, value: number) {
    if (this.current.size >= this.maxEntries && !this.current.has(key)) {
      this.previous = this.current
      this.current = new Map()
      this.since = this.now
    }
    this.current.set(key, value)
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('GenerationMap against the plain rules', () => {
  const hashes: [string, (key: string) => number][] = [
    ['the seeded hash', seededHash],
    // Few distinct hashes: long probes, keys kept in the overflow, tables grown past them.
    ['a hash of 8 values', (key) => key.length % 8],
    ['one hash for every key', () => 7],
    // Home slots 64 apart: keys overflow while the table is small, and growing it takes them back.
    ['a hash with its low 6 bits clear', (key) => seededHash(key) & ~0x3f]
  ]
  it.each(hashes)('gives the same answers with %s', (_name, hash) => {
    const next = random(hash === seededHash ? 1 : 2)
    for (let run = 0; run < 12; run++) {
      const span = 10 + Math.floor(next() * 100)
      const bound = next() < 0.5 ? Infinity : 1 + Math.floor(next() * 300)
      const keys = 5 + Math.floor(next() * 2000)
      // Some runs let time pass, some hardly: then the count bound turns the generations.
      const tick = next() < 0.5 ? 0.3 : 0.003
      const m = new GenerationMap<number>(span, bound, hash)
      const model = new ModelGenerationMap(span, bound)
      let now = 0
      for (let op = 0; op < 3000; op++) {
        // Mostly small steps, sometimes a silence of several spans.
        if (next() < tick) now += next() < 0.02 ? span * 3 : Math.floor(next() * 5)
        m.advance(now)
        model.advance(now)
        const key = `k${Math.floor(next() * keys)}`
        if (next() < 0.5) {
          m.set(key, op)
          model.set(key, op)
        }
        expect(m.get(key)).toBe(model.get(key))
        expect(m.size).toBe(model.size)
      }
      // And every key ever used, at the end.
      for (let k = 0; k < keys; k++) expect(m.get(`k${k}`)).toBe(model.get(`k${k}`))
    }
  })

  it('spreads keys: 20,000 viewer ids and chat texts fill no slot run past a few dozen', () => {
    const low = new Map<number, number>()
    for (let i = 0; i < 20_000; i++)
      for (const key of [String(3_800_000_000_000_000 + i), `第${i}条弹幕`]) {
        const bucket = seededHash(key) & 0xffff
        low.set(bucket, (low.get(bucket) ?? 0) + 1)
      }
    // 40,000 keys over 65,536 buckets: a fair hash puts at most a handful in any one.
    expect(Math.max(...low.values())).toBeLessThan(10)
  })
})
