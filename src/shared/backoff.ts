/**
 * The one exponential backoff. Two kinds of jitter, because callers need different ones:
 * `jitterShare` randomises the top share of the delay (0.5 = "equal jitter": parallel TTS retries,
 * reconnecting tabs), `jitterMs` adds up to a fixed amount (reconnects to one server, where the
 * spread must not shrink as the delay grows). Neither: a plain doubling delay (restarts).
 */
export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs: number
  /** Ceiling of the doubling delay, before jitter. */
  maxMs: number
  /** 0–1: the delay is drawn from [(1 − share)·d, d]. @default 0 */
  jitterShare?: number
  /** Up to this much random delay is added on top. @default 0 */
  jitterMs?: number
}

/**
 * Delay before retry number `attempt` (1 = first retry): `baseMs · 2^(attempt−1)` capped at
 * `maxMs`, then jittered. `random` is injectable for deterministic tests.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30))
  const r = Math.min(1, Math.max(0, random()))
  const share = options.jitterShare ?? 0
  return Math.round(capped * (1 - share + share * r)) + Math.floor(r * (options.jitterMs ?? 0))
}
