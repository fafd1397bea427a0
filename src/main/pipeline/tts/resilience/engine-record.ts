import { describeError, SpeechEngineError } from '../engines/speech-error'
import type { CircuitBreaker } from './circuit-breaker'
import { LatencyWindow } from './latency-window'
import type { EngineHealth, ResilienceCounts, ResilientEngineStatus } from './types'

/** A timeout from any layer: our timer, AbortSignal.timeout, or an engine's own limit. */
export function isTimeout(err: unknown): boolean {
  if (err instanceof SpeechEngineError) return err.kind === 'timeout'
  return err instanceof Error && err.name === 'TimeoutError'
}

/**
 * What a resilient engine has been through, for the status panel: its counters, its last error
 * and the primary's recent latency, and the health they add up to with the circuit's state. Kept
 * apart from the engine, which decides what to try next, not how to report it.
 */
export class EngineRecord {
  readonly counts: ResilienceCounts = {
    requests: 0,
    primarySpoken: 0,
    primaryFailures: 0,
    timeouts: 0,
    retries: 0,
    skipped: 0,
    fallbackSpoken: 0,
    fallbackFailures: 0,
    failed: 0
  }
  readonly #latency = new LatencyWindow(100)
  #lastError: string | undefined
  #lastErrorAt: number | undefined

  /** The last primary failure in words (what a skipped line says). */
  get lastError(): string | undefined {
    return this.#lastError
  }

  primarySpoke(latencyMs: number): void {
    this.#latency.add(latencyMs)
    this.counts.primarySpoken++
  }

  primaryFailed(err: unknown, at: number): void {
    this.counts.primaryFailures++
    if (isTimeout(err)) this.counts.timeouts++
    this.#lastError = describeError(err)
    this.#lastErrorAt = at
  }

  status(
    breaker: CircuitBreaker,
    engines: { primary: string; fallback: string | undefined },
    inFlight: number
  ): ResilientEngineStatus {
    const circuit = breaker.state
    const failures = breaker.consecutiveFailures
    const health: EngineHealth =
      circuit === 'open' ? 'open' : circuit === 'half-open' || failures > 0 ? 'degraded' : 'healthy'
    return {
      engine: engines.primary,
      fallback: engines.fallback,
      health,
      circuit,
      consecutiveFailures: failures,
      cooldownRemainingMs: breaker.cooldownRemaining(),
      lastError: this.#lastError,
      lastErrorAt: this.#lastErrorAt,
      counts: { ...this.counts },
      latencyMs: {
        p50: this.#latency.quantile(0.5),
        p95: this.#latency.quantile(0.95),
        samples: this.#latency.count
      },
      inFlight
    }
  }
}
