/**
 * A Map whose entries are forgotten once their last write is older than a horizon, at O(1)
 * amortised cost per write: every write is also appended to a time-ordered log, and `expire` pops
 * the log's head instead of scanning the map. (Deleting from the front of a big JS Map and
 * iterating it again is not O(1) in V8: the iterator walks every deleted slot first.)
 *
 * Times are expected to be non-decreasing; a clock that steps back only delays forgetting.
 */
export class ExpiringMap<K, V> {
  readonly #entries = new Map<K, { value: V; at: number }>()
  // The write log as two parallel arrays with a moving head (compacted when half is consumed).
  #keys: (K | undefined)[] = []
  #ats: number[] = []
  #head = 0

  get size(): number {
    return this.#entries.size
  }

  get(key: K): V | undefined {
    return this.#entries.get(key)?.value
  }

  /** When `key` was last written. */
  writtenAt(key: K): number | undefined {
    return this.#entries.get(key)?.at
  }

  set(key: K, value: V, at: number): void {
    const entry = this.#entries.get(key)
    if (entry) {
      entry.value = value
      entry.at = at
    } else {
      this.#entries.set(key, { value, at })
    }
    this.#keys.push(key)
    this.#ats.push(at)
  }

  /** Forgets every entry whose last write was at or before `upTo`; returns how many. */
  expire(upTo: number): number {
    let removed = 0
    const keys = this.#keys
    const ats = this.#ats
    while (this.#head < ats.length && ats[this.#head]! <= upTo) {
      const key = keys[this.#head] as K
      keys[this.#head] = undefined
      this.#head++
      const entry = this.#entries.get(key)
      // A later write of the same key has its own log record; only the last write counts.
      if (entry && entry.at <= upTo) {
        this.#entries.delete(key)
        removed++
      }
    }
    if (this.#head > 1024 && this.#head * 2 > ats.length) {
      this.#keys = keys.slice(this.#head)
      this.#ats = ats.slice(this.#head)
      this.#head = 0
    }
    return removed
  }

  clear(): void {
    this.#entries.clear()
    this.#keys = []
    this.#ats = []
    this.#head = 0
  }
}
