import { afterEach, describe, expect, it, vi } from 'vitest'
import { untilDeadline } from './deadline'

describe('untilDeadline', () => {
  afterEach(() => vi.useRealTimers())

  it('returns when the work settles and leaves no timer behind', async () => {
    vi.useFakeTimers()
    const result = untilDeadline(Promise.resolve(), Date.now() + 60_000)
    await expect(result).resolves.toBe('settled')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('counts a rejection as settled: stopping never throws', async () => {
    await expect(untilDeadline(Promise.reject(new Error('x')), Date.now() + 1000)).resolves.toBe(
      'settled'
    )
  })

  it('gives up at the deadline when the work hangs', async () => {
    vi.useFakeTimers()
    const result = untilDeadline(new Promise(() => {}), Date.now() + 5000)
    await vi.advanceTimersByTimeAsync(4999)
    let done = false
    void result.then(() => (done = true))
    await Promise.resolve()
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await expect(result).resolves.toBe('deadline')
  })

  it('waits at least minMs even past the deadline, on the given clock', async () => {
    vi.useFakeTimers()
    const result = untilDeadline(new Promise(() => {}), 0, { now: () => 10_000, minMs: 500 })
    await vi.advanceTimersByTimeAsync(499)
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    await expect(result).resolves.toBe('deadline')
  })
})
