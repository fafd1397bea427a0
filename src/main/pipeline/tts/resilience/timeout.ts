import { timeoutError } from '../engines/call-scope'
import type { Clock } from '../../../../shared/clock'

/**
 * Runs `task` with a signal that fires after `timeoutMs` (on `clock`) or when `signal` fires, and
 * settles as soon as that happens, even if the task ignores its signal: a hung engine cannot hold
 * the line. The timeout's reason is an Error named `TimeoutError`.
 */
export function withTimeout<T>(
  task: (signal: AbortSignal) => Promise<T>,
  options: { timeoutMs: number; clock: Clock; signal?: AbortSignal }
): Promise<T> {
  const { clock, signal } = options
  const controller = new AbortController()
  const onOuterAbort = () => controller.abort(signal?.reason)
  if (signal?.aborted) controller.abort(signal.reason)
  else signal?.addEventListener('abort', onOuterAbort, { once: true })
  const timer = clock.setTimeout(
    () => controller.abort(timeoutError(options.timeoutMs)),
    options.timeoutMs
  )
  const cleanup = () => {
    timer.dispose()
    signal?.removeEventListener('abort', onOuterAbort)
  }
  const aborted = new Promise<never>((_, reject) => {
    if (controller.signal.aborted) return reject(controller.signal.reason)
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true
    })
  })
  // Every promise here gets a handler, so a late rejection of the abandoned task is not "unhandled".
  aborted.catch(() => {})
  let running: Promise<T>
  try {
    running = controller.signal.aborted ? aborted : task(controller.signal)
  } catch (err) {
    running = Promise.reject(err)
  }
  running.catch(() => {})
  return Promise.race([running, aborted]).finally(cleanup)
}
