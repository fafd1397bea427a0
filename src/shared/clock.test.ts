import { afterEach, describe, expect, it, vi } from 'vitest'
import { realClock, sleep } from './clock'

describe('realClock', () => {
  afterEach(() => vi.useRealTimers())

  it('waits 30 days as 30 days (no overflow into "now"), and cancels', async () => {
    vi.useFakeTimers()
    const fired: string[] = []
    const clock = realClock()
    const day = 86_400_000
    clock.setTimeout(() => fired.push('month'), 30 * day)
    clock.setTimeout(() => fired.push('cancelled'), 1000).dispose()
    await vi.advanceTimersByTimeAsync(29 * day)
    expect(fired).toEqual([])
    await vi.advanceTimersByTimeAsync(day)
    expect(fired).toEqual(['month'])
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('sleep', () => {
  it('rejects with the reason when aborted, and clears its timer', async () => {
    vi.useFakeTimers()
    try {
      const controller = new AbortController()
      const nap = sleep(60_000, controller.signal)
      controller.abort(new Error('stop'))
      await expect(nap).rejects.toThrow('stop')
      expect(vi.getTimerCount()).toBe(0)
      await expect(sleep(10, controller.signal)).rejects.toThrow('stop')
    } finally {
      vi.useRealTimers()
    }
  })
})
