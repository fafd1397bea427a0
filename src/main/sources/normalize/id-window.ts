/**
 * Remembers the last `capacity` ids (insertion order). Used to drop messages the platform pushes
 * twice; a bounded window keeps memory flat over a long stream. The ids also sit in a ring, so
 * the oldest is found in O(1) (taking the first key of a churning Set walks its deleted slots).
 */
export class IdWindow {
  #ids = new Set<string>()
  readonly #ring: (string | undefined)[]
  #next = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('IdWindow capacity must be an integer >= 1')
    }
    this.#ring = new Array<string | undefined>(capacity).fill(undefined)
  }

  /** Records `id`; returns false when it was already in the window. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false
    const oldest = this.#ring[this.#next]
    if (oldest !== undefined) this.#ids.delete(oldest)
    this.#ring[this.#next] = id
    this.#next = (this.#next + 1) % this.capacity
    this.#ids.add(id)
    return true
  }

  get size(): number {
    return this.#ids.size
  }
}
