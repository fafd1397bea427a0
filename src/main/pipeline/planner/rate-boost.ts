/** What the adaptive rate needs from the settings (`plan.rateBoost`). */
export interface RateBoostSettings {
  enabled: boolean
  startBacklogSec: number
  maxPercent: number
}

/** Steps of the boost: lines at one rate share cache entries, and the voice does not wobble. */
const STEP = 5
/** Seconds for the smoothed backlog to follow about 63% of a change. */
const TIME_CONSTANT_SEC = 4

/**
 * The adaptive speaking rate. Above `startBacklogSec` of speech waiting, the rate rises linearly
 * to `maxPercent` at twice that backlog; as the backlog drains it comes back down. The backlog is
 * smoothed, so one burst or one merged line does not make the voice lurch.
 */
export class RateBoost {
  #smoothed = 0
  #at: number | undefined
  #percent = 0

  /** Feeds the current backlog (seconds of speech); returns the boost in percent. */
  update(backlogSec: number, now: number, s: RateBoostSettings): number {
    // The first reading only anchors the clock: the boost starts from nothing and rises smoothly.
    const dt = this.#at === undefined ? 0 : Math.max(0, now - this.#at) / 1000
    this.#at = now
    const alpha = 1 - Math.exp(-dt / TIME_CONSTANT_SEC)
    this.#smoothed += alpha * (backlogSec - this.#smoothed)
    if (!s.enabled || s.maxPercent === 0) return (this.#percent = 0)
    const over = (this.#smoothed - s.startBacklogSec) / s.startBacklogSec
    const raw = s.maxPercent * Math.min(1, Math.max(0, over))
    this.#percent = Math.min(s.maxPercent, Math.round(raw / STEP) * STEP)
    return this.#percent
  }

  /** The boost now, percent. */
  get percent(): number {
    return this.#percent
  }

  /** The smoothed backlog, seconds of speech. */
  get backlogSec(): number {
    return this.#smoothed
  }
}
