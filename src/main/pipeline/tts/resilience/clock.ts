/** Opaque timer handle of a {@link Clock}. */
export type TimerHandle = unknown

/**
 * Time as the resilience layer sees it: injectable, so tests drive timeouts, backoff and cool-downs
 * with a manual clock instead of waiting.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

/** Real time: `performance.now()` (monotonic, immune to wall-clock jumps) and Node timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

/** Resolves after `ms` on `clock`; rejects with the signal's reason if it fires first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clock.clearTimeout(handle)
      reject(signal?.reason)
    }
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
