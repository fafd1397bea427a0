import type { IDisposable } from './lifecycle'

/**
 * Time as the pipeline sees it: injected, so tests drive timeouts, backoff, cool-downs and
 * aggregation windows with the manual twin (src/main/testing/manual-clock.ts) instead of waiting.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale: only differences matter. */
  now(): number
  /** Calls `fn` once after `ms` (any length); disposing the result cancels it. */
  setTimeout(fn: () => void, ms: number): IDisposable
}

/** setTimeout's ceiling: longer delays overflow and fire at once (2^31 − 1 ms ≈ 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Real time: `performance.now()` (monotonic, immune to wall-clock jumps) and timers of any length,
 * waited in steps no timer can overflow (30 days means 30 days, not 1 ms). `unref`: the timers do
 * not keep the process alive (an aggregation window, a run's duration limit).
 */
export function realClock({ unref = false }: { unref?: boolean } = {}): Clock {
  return {
    now: () => performance.now(),
    setTimeout(fn, ms) {
      const wait = Number.isNaN(ms) ? 0 : Math.max(0, ms)
      // Steps are measured on Date.now, as Node's own timers and fake timers in tests are.
      const end = Date.now() + wait
      let timer: ReturnType<typeof setTimeout> | undefined
      let cancelled = false
      const arm = () => {
        const left = end - Date.now()
        if (left <= 0) return fn()
        timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS))
        if (unref) (timer as { unref?: () => void }).unref?.()
      }
      // A delay that is already due still fires from a timer, never synchronously.
      timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS))
      if (unref) (timer as { unref?: () => void }).unref?.()
      return {
        dispose: () => {
          if (cancelled) return
          cancelled = true
          clearTimeout(timer)
        }
      }
    }
  }
}

/** The real clock whose timers keep the process alive, like plain setTimeout. */
export const systemClock: Clock = realClock()

/**
 * The one sleep: resolves after `ms` on `clock`; rejects with the signal's reason if it fires
 * first. (`sleep(…).catch(() => {})` for a wait that simply ends early on abort.)
 */
export function sleep(ms: number, signal?: AbortSignal, clock: Clock = systemClock): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error)
    const onAbort = () => {
      timer.dispose()
      reject(signal?.reason as Error)
    }
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
