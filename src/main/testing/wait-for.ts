import { vi } from 'vitest'

/**
 * Waits until `predicate` holds, re-checking it with vi.waitFor (which also advances fake timers).
 * The timeout only turns a hang into a failure naming `what`; no test asserts on time.
 */
export function waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return vi.waitFor(
    () => {
      if (!predicate()) throw new Error(`timed out waiting for ${what}`)
    },
    { timeout: timeoutMs, interval: 5 }
  )
}
