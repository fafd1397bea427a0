/** FIFO with O(1) amortised push/shift and indexed removal; compacts lazily. */
export class Deque<T> {
  #items: (T | undefined)[] = []
  #head = 0

  get size(): number {
    return this.#items.length - this.#head
  }

  push(item: T): void {
    this.#items.push(item)
  }

  peek(): T | undefined {
    return this.#items[this.#head]
  }

  at(index: number): T | undefined {
    return this.#items[this.#head + index]
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined
    const item = this.#items[this.#head]
    this.#items[this.#head] = undefined
    this.#head++
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
    return item
  }

  /** Removes and returns the last item (newest). */
  pop(): T | undefined {
    if (this.size === 0) return undefined
    return this.#items.pop()
  }

  /** Removes and returns the first item matching `predicate` (linear; for rare evictions). */
  removeFirst(predicate: (item: T) => boolean): T | undefined {
    for (let i = this.#head; i < this.#items.length; i++) {
      const item = this.#items[i] as T
      if (predicate(item)) {
        this.#items.splice(i, 1)
        return item
      }
    }
    return undefined
  }

  /** Removes every item matching `predicate`, returning them in order. */
  removeAll(predicate: (item: T) => boolean): T[] {
    const kept: T[] = []
    const removed: T[] = []
    for (let i = this.#head; i < this.#items.length; i++) {
      const item = this.#items[i] as T
      ;(predicate(item) ? removed : kept).push(item)
    }
    if (removed.length > 0) {
      this.#items = kept
      this.#head = 0
    }
    return removed
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.#head; i < this.#items.length; i++) yield this.#items[i] as T
  }

  clear(): T[] {
    const all = [...this]
    this.#items = []
    this.#head = 0
    return all
  }
}
