import type { Clock } from '../../../../shared/clock'

/**
 * `closed`: calls go through. `open`: calls are skipped until the cool-down ends. `half-open`: one
 * probe call is let through; its verdict closes the circuit or opens it again.
 */
export type CircuitState = 'closed' | 'open' | 'half-open'

/** What the breaker lets a caller do: call normally, call as the half-open probe, or skip. */
export type CircuitDecision = 'call' | 'probe' | 'skip'

/** Thresholds and clock of a {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number
  /** First cool-down; each failed probe doubles it, up to `maxCooldownMs`. */
  cooldownMs: number
  maxCooldownMs: number
  clock: Clock
  onStateChange?: (state: CircuitState) => void
}

/**
 * A circuit breaker as a small state machine. It never calls anything itself: the caller asks
 * {@link acquire} before a call and reports the verdict, so it is tested without engines or timers.
 */
export class CircuitBreaker {
  #state: CircuitState = 'closed'
  #failures = 0
  #cooldown: number
  #reopenAt = 0
  #probeInFlight = false

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!(options.failureThreshold >= 1))
      throw new RangeError('options.failureThreshold must be at least 1')
    this.#cooldown = options.cooldownMs
  }

  get state(): CircuitState {
    return this.#state
  }

  /** Failed calls in a row (reset by a success). */
  get consecutiveFailures(): number {
    return this.#failures
  }

  /** Milliseconds until an open circuit lets a probe through; 0 when not open. */
  cooldownRemaining(): number {
    return this.#state === 'open' ? Math.max(0, this.#reopenAt - this.options.clock.now()) : 0
  }

  /** Asks before a call. A `probe` must be reported with `probe: true` (or abandoned). */
  acquire(): CircuitDecision {
    if (this.#state === 'closed') return 'call'
    if (this.#state === 'open') {
      if (this.options.clock.now() < this.#reopenAt) return 'skip'
      this.#setState('half-open')
    }
    if (this.#probeInFlight) return 'skip'
    this.#probeInFlight = true
    return 'probe'
  }

  onSuccess(probe: boolean): void {
    if (probe) this.#probeInFlight = false
    // A late success from a call started before the circuit opened says little; only a probe closes it.
    if (this.#state !== 'closed' && !probe) return
    this.#failures = 0
    this.#cooldown = this.options.cooldownMs
    if (this.#state !== 'closed') this.#setState('closed')
  }

  onFailure(probe: boolean): void {
    this.#failures++
    if (probe) {
      this.#probeInFlight = false
      this.#cooldown = Math.min(this.#cooldown * 2, this.options.maxCooldownMs)
      this.#open()
    } else if (this.#state === 'closed' && this.#failures >= this.options.failureThreshold) {
      this.#open()
    }
  }

  /** The call ended without a verdict (the caller cancelled): free the probe slot, change nothing. */
  onAbandon(probe: boolean): void {
    if (probe) this.#probeInFlight = false
  }

  #open(): void {
    this.#reopenAt = this.options.clock.now() + this.#cooldown
    this.#setState('open')
  }

  #setState(state: CircuitState): void {
    if (state === this.#state && state !== 'open') return
    this.#state = state
    this.options.onStateChange?.(state)
  }
}
