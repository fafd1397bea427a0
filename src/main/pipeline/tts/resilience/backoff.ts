/** Exponential backoff bounds. */
export interface BackoffOptions {
  /** Delay before the first retry (before jitter). */
  baseMs: number
  /** Ceiling of the un-jittered delay. */
  maxMs: number
}

/**
 * Delay before retry number `retry` (1 = first retry): `baseMs · 2^(retry-1)`, capped at `maxMs`,
 * then "equal jitter" (a random point in its upper half) so parallel lines that failed together do
 * not retry in lockstep. `random` is injectable for deterministic tests.
 */
export function backoffDelay(
  retry: number,
  options: BackoffOptions,
  random: () => number = Math.random
): number {
  const exponent = Math.max(0, Math.floor(retry) - 1)
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30))
  const r = Math.min(1, Math.max(0, random()))
  return Math.round(capped / 2 + (capped / 2) * r)
}
