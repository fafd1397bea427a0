/**
 * Remembers the last `capacity` ids (insertion order). Used to drop messages the platform pushes
 * twice; a bounded window keeps memory flat over a long stream.
 */
export class IdWindow {
  #ids = new Set<string>()

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('IdWindow capacity must be an integer >= 1')
    }
  }

  /** Records `id`; returns false when it was already in the window. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false
    this.#ids.add(id)
    if (this.#ids.size > this.capacity) {
      // Sets iterate in insertion order: the first key is the oldest.
      const oldest = this.#ids.values().next().value
      if (oldest !== undefined) this.#ids.delete(oldest)
    }
    return true
  }

  get size(): number {
    return this.#ids.size
  }
}
