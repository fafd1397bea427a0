/** Reconnect delays for the WebSocket bridge. */
export interface BackoffOptions {
  /** @default 250 */
  initialMs?: number
  /** @default 5000 */
  maxMs?: number
  /** 0–1 share of the delay that is randomised, so many tabs do not retry in lockstep. @default 0.2 */
  jitter?: number
}

/**
 * Delay before reconnect attempt `attempt` (1-based): doubling from `initialMs`, capped at `maxMs`.
 * A local server usually comes back within a second, so the first retries are quick.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random
): number {
  const initial = options.initialMs ?? 250
  const max = options.maxMs ?? 5000
  const jitter = options.jitter ?? 0.2
  const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (1 - jitter + jitter * random()))
}
