import type { Percentiles } from '../../shared/status'

/** Keeps the last `capacity` samples and reports percentiles over them. */
export class SampleWindow {
  /** A ring: once full, each sample overwrites the oldest (O(1); order does not matter here). */
  readonly #samples: number[] = []
  #next = 0
  #count = 0

  constructor(private readonly capacity = 2000) {}

  add(value: number): void {
    this.#count++
    if (this.#samples.length < this.capacity) this.#samples.push(value)
    else this.#samples[this.#next] = value
    this.#next = (this.#next + 1) % this.capacity
  }

  percentiles(): Percentiles {
    return percentiles(this.#samples, this.#count)
  }
}

export function percentiles(values: readonly number[], count = values.length): Percentiles {
  if (values.length === 0) return { count }
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
  return { count, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] }
}

/** Percentiles over the samples of the last `windowMs` only, so a past spike does not linger. */
export class RecentWindow {
  #samples: { at: number; value: number }[] = []

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now
  ) {}

  add(value: number): void {
    this.#samples.push({ at: this.now(), value })
    if (this.#samples.length > 5000) this.#samples.splice(0, this.#samples.length - 5000)
  }

  percentiles(): Percentiles {
    const since = this.now() - this.windowMs
    this.#samples = this.#samples.filter((s) => s.at >= since)
    return percentiles(this.#samples.map((s) => s.value))
  }
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
      for (const key of this.#buckets.keys())
        if (key <= second - this.windowSec) this.#buckets.delete(key)
    }
  }

  perSecond(): number {
    const current = Math.floor(this.now() / 1000)
    let sum = 0
    for (const [second, n] of this.#buckets) if (second > current - this.windowSec) sum += n
    return sum / this.windowSec
  }
}
