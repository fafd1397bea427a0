/**
 * An adjustable concurrency limit in front of an async resource (a piscina pool, child processes).
 * Raising the limit starts waiting tasks at once; lowering it lets running tasks finish and holds
 * new ones back. Tasks wait here, in our own FIFO, never inside piscina: that is what keeps
 * resizing exact (platform-notes.md, piscina 5).
 */
export class ConcurrencyGate {
  #limit: number
  #active = 0
  readonly #waiting: (() => void)[] = []

  constructor(limit: number) {
    this.#limit = checkLimit(limit)
  }

  get limit(): number {
    return this.#limit
  }

  set limit(value: number) {
    this.#limit = checkLimit(value)
    this.#pump()
  }

  get active(): number {
    return this.#active
  }

  get waiting(): number {
    return this.#waiting.length
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
    } else {
      this.#active++
    }
    try {
      return await task()
    } finally {
      this.#active--
      this.#pump()
    }
  }

  #pump(): void {
    while (this.#active < this.#limit && this.#waiting.length > 0) {
      this.#active++
      this.#waiting.shift()!()
    }
  }
}

function checkLimit(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`Expected concurrency limit to be an integer from 1 and up, got ${value}`)
  }
  return value
}
