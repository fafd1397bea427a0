/** setTimeout's ceiling: longer delays overflow and fire at once (2^31 − 1 ms ≈ 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * A timeout of any length: waits in steps no timer can overflow, so 30 days means 30 days (plain
 * setTimeout would fire after 1 ms). `unref`: do not keep the process alive for it. Returns a
 * cancel function.
 */
export function longTimeout(fn: () => void, ms: number, unref = false): () => void {
  const end = Date.now() + Math.max(0, ms)
  let timer: NodeJS.Timeout | undefined
  const arm = () => {
    const left = end - Date.now()
    if (left <= 0) return fn()
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS))
    if (unref) timer.unref()
  }
  arm()
  return () => clearTimeout(timer)
}
