import { fnv1a } from './fnv1a'

/**
 * A string-keyed map that forgets entries by time in two generations: writes go to the current
 * one; once it is `spanMs` old it becomes the previous one and the old previous is dropped whole.
 * An entry is kept at least `spanMs` after its last write and at most about twice that; every
 * operation is O(1) with no per-entry bookkeeping (no write log, no wrapper object, no scan).
 * Callers that need an exact window compare times they store in the values.
 *
 * `maxEntries` bounds memory by count as well: when the current generation holds that many keys
 * it turns early, so at most twice that many are held, and an entry is then kept until a span has
 * passed or `maxEntries` newer keys were written, whichever comes first. Time alone bounded a
 * 500k-viewer flood (or a long window) only by how many keys arrived.
 *
 * Each generation is an open-addressing table (parallel arrays: hashes, keys, values; linear
 * probing, at most half full) that is emptied and reused at a turn. It was a pair of Maps: in a
 * flood of unique chatters each turn made new Maps that regrew to 20,000 entries (~200 bytes
 * allocated a chat, the tables too big for the young generation), and a miss looked in both;
 * the spam guard took 1.3 µs a chat, 0.3 µs with these tables. Hashes are seeded per process, and
 * a key that would probe past MAX_PROBE slots is kept in a small Map instead, so texts chosen to
 * collide cannot make lookups slow.
 *
 * Times are expected to be non-decreasing; a clock that steps back only delays forgetting.
 */
export class GenerationMap<V> {
  #current: Generation<V>
  #previous: Generation<V>
  #since = -Infinity
  /** The time of the last advance: a turn by count starts the next span from it. */
  #now = -Infinity

  constructor(
    public spanMs: number,
    private readonly maxEntries = Infinity,
    private readonly hash: (key: string) => number = seededHash
  ) {
    this.#current = new Generation(MIN_CAPACITY, hash)
    this.#previous = new Generation(MIN_CAPACITY, hash)
  }

  /** Entries held (a key rewritten since the last turn may be counted in both generations). */
  get size(): number {
    return this.#current.size + this.#previous.size
  }

  /** Ages the generations to `now`. Call before reading or writing at a new time. */
  advance(now: number): void {
    this.#now = now
    if (now - this.#since < this.spanMs) return
    if (now - this.#since < 2 * this.spanMs) {
      this.#turn()
    } else {
      // Both generations are past the span (or this is the first call).
      this.#previous.reset(MIN_CAPACITY)
      this.#current.reset(MIN_CAPACITY)
    }
    this.#since = now
  }

  get(key: string): V | undefined {
    const h = this.hash(key)
    const value = this.#current.get(key, h)
    return value !== undefined ? value : this.#previous.get(key, h)
  }

  set(key: string, value: V): void {
    const h = this.hash(key)
    if (this.#current.size >= this.maxEntries && !this.#current.has(key, h)) {
      // Everything in the previous generation is older than all of the current one: drop it.
      this.#turn()
      this.#since = this.#now
    }
    this.#current.set(key, h, value)
  }

  clear(): void {
    this.#current.reset(MIN_CAPACITY)
    this.#previous.reset(MIN_CAPACITY)
    this.#since = -Infinity
  }

  /** The current generation becomes the previous; the old previous is emptied and reused. */
  #turn(): void {
    const recycled = this.#previous
    this.#previous = this.#current
    // Sized for as many keys as the generation that just ended took (a flood keeps its tables).
    recycled.reset(capacityFor(this.#previous.size))
    this.#current = recycled
  }
}

/** Slots probed before a key goes to its generation's overflow Map. */
const MAX_PROBE = 32
const MIN_CAPACITY = 64

/** Found at this slot (≥ 0), or where the probe ended. */
const EMPTY = -1
const FULL = -2

/** One generation: an open-addressing table, plus a Map for the keys whose probe ran too long. */
class Generation<V> {
  #hashes!: Int32Array
  #keys!: (string | undefined)[]
  #values!: (V | undefined)[]
  /** Keys in the table (its load), not counting the overflow. */
  #inTable = 0
  /**
   * Keys whose MAX_PROBE slots were all taken by others. Slots are never freed before a reset, so
   * a lookup that meets MAX_PROBE taken slots without its key looks here, and one that meets an
   * empty slot first knows the key is nowhere.
   */
  #overflow: Map<string, V> | undefined
  /** Where the last probe that returned EMPTY found its empty slot. */
  #free = 0

  constructor(
    capacity: number,
    /** The map's hash function (a grown table places its overflowed keys again). */
    private readonly hash: (key: string) => number
  ) {
    this.#allocate(capacity)
  }

  get size(): number {
    return this.#inTable + (this.#overflow?.size ?? 0)
  }

  get(key: string, h: number): V | undefined {
    const slot = this.#probe(key, h)
    if (slot >= 0) return this.#values[slot]
    return slot === FULL ? this.#overflow?.get(key) : undefined
  }

  has(key: string, h: number): boolean {
    const slot = this.#probe(key, h)
    return slot >= 0 || (slot === FULL && this.#overflow?.has(key) === true)
  }

  set(key: string, h: number, value: V): void {
    let slot = this.#probe(key, h)
    if (slot >= 0) {
      this.#values[slot] = value
      return
    }
    if (slot === FULL && this.#overflow?.has(key)) {
      this.#overflow.set(key, value)
      return
    }
    if ((this.#inTable + 1) * 2 > this.#keys.length) {
      this.#grow()
      slot = this.#probe(key, h)
    }
    this.#place(key, h, value, slot)
  }

  /** Empties the generation, at `capacity` slots (the arrays are kept when it is unchanged). */
  reset(capacity: number): void {
    if (capacity !== this.#keys.length) this.#allocate(capacity)
    else if (this.size > 0) {
      this.#keys.fill(undefined)
      this.#values.fill(undefined)
    }
    this.#inTable = 0
    this.#overflow = undefined
  }

  /** The key's slot (≥ 0), EMPTY (an empty slot is at `#free`), or FULL (MAX_PROBE slots taken). */
  #probe(key: string, h: number): number {
    const keys = this.#keys
    const hashes = this.#hashes
    const mask = keys.length - 1
    for (let n = 0, i = h & mask; n < MAX_PROBE; n++, i = (i + 1) & mask) {
      const k = keys[i]
      if (k === undefined) {
        this.#free = i
        return EMPTY
      }
      if (hashes[i] === h && k === key) return i
    }
    return FULL
  }

  /** Adds a key known to be absent, where the probe for it ended. */
  #place(key: string, h: number, value: V, probe: number): void {
    if (probe === FULL) {
      ;(this.#overflow ??= new Map()).set(key, value)
      return
    }
    const slot = this.#free
    this.#keys[slot] = key
    this.#hashes[slot] = h
    this.#values[slot] = value
    this.#inTable++
  }

  #grow(): void {
    const keys = this.#keys
    const hashes = this.#hashes
    const values = this.#values
    const overflow = this.#overflow
    this.#allocate(keys.length * 2)
    this.#inTable = 0
    this.#overflow = undefined
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]
      if (key !== undefined) this.#place(key, hashes[i]!, values[i]!, this.#probe(key, hashes[i]!))
    }
    // With fewer collisions in a larger table, an overflowed key may now have a slot (and a key
    // that has one must be in the table: a lookup stops at the first empty slot).
    if (overflow)
      for (const [key, value] of overflow) {
        const h = this.hash(key)
        this.#place(key, h, value, this.#probe(key, h))
      }
  }

  #allocate(capacity: number): void {
    this.#hashes = new Int32Array(capacity)
    this.#keys = new Array<string | undefined>(capacity).fill(undefined)
    this.#values = new Array<V | undefined>(capacity).fill(undefined)
  }
}

/** Table slots for a generation expected to take `keys` keys (a power of two, at most half full). */
function capacityFor(keys: number): number {
  let capacity = MIN_CAPACITY
  while (capacity < keys * 2) capacity *= 2
  return capacity
}

/** Per process: texts chosen to collide under one seed do not under another. */
const SEED = (Math.random() * 0x1_0000_0000) | 0

/** FNV-1a from a random seed, then murmur3's finaliser (so the low bits depend on every bit). */
export function seededHash(key: string): number {
  let h = fnv1a(key, SEED)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
