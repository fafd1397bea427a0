import type { Percentiles } from '../../shared/status'

/** Keeps the last `capacity` samples and reports percentiles over them. */
export class SampleWindow {
  #samples: number[] = []
  #count = 0

  constructor(private readonly capacity = 2000) {}

  add(value: number): void {
    this.#count++
    this.#samples.push(value)
    if (this.#samples.length > this.capacity) this.#samples.splice(0, this.#samples.length - this.capacity)
  }

  percentiles(): Percentiles {
    return percentiles(this.#samples, this.#count)
  }
}

export function percentiles(values: readonly number[], count = values.length): Percentiles {
  if (values.length === 0) return { count }
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
  return { count, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] }
}

/** Events per second over a sliding window, in one-second buckets. */
export class RateMeter {
  readonly #buckets = new Map<number, number>()

  constructor(
    private readonly windowSec = 10,
    private readonly now: () => number = Date.now
  ) {}

  mark(n = 1): void {
    const second = Math.floor(this.now() / 1000)
    this.#buckets.set(second, (this.#buckets.get(second) ?? 0) + n)
    if (this.#buckets.size > this.windowSec * 2) {
      for (const key of this.#buckets.keys()) if (key <= second - this.windowSec) this.#buckets.delete(key)
    }
  }

  perSecond(): number {
    const current = Math.floor(this.now() / 1000)
    let sum = 0
    for (const [second, n] of this.#buckets) if (second > current - this.windowSec) sum += n
    return sum / this.windowSec
  }
}
