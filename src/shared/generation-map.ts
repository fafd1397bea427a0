/**
 * A Map that forgets entries by time in two generations: writes go to the current one; once it
 * is `spanMs` old it becomes the previous one and the old previous is dropped whole. An entry is
 * kept at least `spanMs` after its last write and at most about twice that; every operation is
 * O(1) with no per-entry bookkeeping (no write log, no wrapper object, no scan), so a flood of
 * unique keys costs one Map write each. Callers that need an exact window compare times they
 * store in the values.
 *
 * `maxEntries` bounds memory by count as well: when the current generation holds that many keys
 * it turns early, so at most twice that many are held, and an entry is then kept until a span has
 * passed or `maxEntries` newer keys were written, whichever comes first. Time alone bounded a
 * 500k-viewer flood (or a long window) only by how many keys arrived.
 *
 * Times are expected to be non-decreasing; a clock that steps back only delays forgetting.
 */
export class GenerationMap<K, V> {
  #current = new Map<K, V>()
  #previous = new Map<K, V>()
  #since = -Infinity
  /** The time of the last advance: a turn by count starts the next span from it. */
  #now = -Infinity

  constructor(
    public spanMs: number,
    private readonly maxEntries = Infinity
  ) {}

  /** Entries held (a key rewritten since the last turn may be counted in both generations). */
  get size(): number {
    return this.#current.size + this.#previous.size
  }

  /** Ages the generations to `now`. Call before reading or writing at a new time. */
  advance(now: number): void {
    this.#now = now
    if (now - this.#since < this.spanMs) return
    if (now - this.#since < 2 * this.spanMs) {
      this.#previous = this.#current
    } else {
      // Both generations are past the span (or this is the first call).
      this.#previous = new Map()
    }
    this.#current = new Map()
    this.#since = now
  }

  get(key: K): V | undefined {
    const value = this.#current.get(key)
    return value !== undefined ? value : this.#previous.get(key)
  }

  set(key: K, value: V): void {
    if (this.#current.size >= this.maxEntries && !this.#current.has(key)) {
      // Everything in the previous generation is older than all of the current one: drop it.
      this.#previous = this.#current
      this.#current = new Map()
      this.#since = this.#now
    }
    this.#current.set(key, value)
  }

  clear(): void {
    this.#current = new Map()
    this.#previous = new Map()
    this.#since = -Infinity
  }
}
