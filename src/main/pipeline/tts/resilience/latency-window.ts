/** Percentiles of the most recent N samples (a ring buffer: constant memory, recent behaviour only). */
export class LatencyWindow {
  readonly #samples: number[] = []
  #next = 0

  /** @param size samples kept. @default 100 */
  constructor(private readonly size = 100) {
    if (!(size >= 1)) throw new RangeError('size must be at least 1')
  }

  get count(): number {
    return this.#samples.length
  }

  add(ms: number): void {
    if (this.#samples.length < this.size) this.#samples.push(ms)
    else this.#samples[this.#next] = ms
    this.#next = (this.#next + 1) % this.size
  }

  /** The `q` quantile (0…1, nearest rank), or undefined with no samples. */
  quantile(q: number): number | undefined {
    if (this.#samples.length === 0) return undefined
    const sorted = [...this.#samples].sort((a, b) => a - b)
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
    return sorted[rank]
  }
}
