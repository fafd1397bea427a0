/** Exponential backoff with jitter, shared by the Douyin connectors and the relay source. */
export interface BackoffOptions {
  /** First delay. @default 1000 */
  baseMs: number
  /** Ceiling before jitter. @default 60000 */
  maxMs: number
  /** Up to this much random delay is added, so many clients do not retry in step. @default 1000 */
  jitterMs: number
}

/** The defaults: 1 s doubling to 60 s, plus up to 1 s of jitter. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60_000, jitterMs: 1000 }

/** Delay before retry number `attempt` (1-based): base × 2^(attempt−1), capped, plus jitter. */
export function backoffDelay(
  attempt: number,
  o: BackoffOptions,
  random: () => number = Math.random
): number {
  const exp = o.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30)
  return Math.min(o.maxMs, exp) + Math.floor(random() * o.jitterMs)
}
