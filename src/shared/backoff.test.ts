import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap; no jitter asked, none given', () => {
    const o = { baseMs: 500, maxMs: 30_000 }
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, o, () => 0.7))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000
    ])
    expect(backoffDelay(1, { baseMs: 0, maxMs: 0 })).toBe(0)
    expect(backoffDelay(10_000, { baseMs: 1, maxMs: 2 ** 40 }, () => 0)).toBe(2 ** 30)
  })

  it('a jitter share randomises only that share (0.5: equal jitter, in the upper half)', () => {
    const o = { baseMs: 100, maxMs: 1000, jitterShare: 0.5 }
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, o, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000
    ])
    expect([1, 2, 3].map((n) => backoffDelay(n, o, () => 0))).toEqual([50, 100, 200])
    expect(backoffDelay(1000, o, () => 0.5)).toBe(750)
    expect(backoffDelay(1, { baseMs: 1000, maxMs: 5000, jitterShare: 0.2 }, () => 0)).toBe(800)
  })

  it('jitterMs adds up to that much on top of the capped delay', () => {
    const o = { baseMs: 1000, maxMs: 60_000, jitterMs: 1000 }
    expect(backoffDelay(1, o, () => 0)).toBe(1000)
    expect(backoffDelay(1, o, () => 0.9999)).toBe(1999)
    expect(backoffDelay(7, o, () => 0.5)).toBe(60_500)
  })

  it('keeps the result in range when the random source misbehaves', () => {
    const o = { baseMs: 100, maxMs: 100, jitterShare: 0.5, jitterMs: 10 }
    expect(backoffDelay(1, o, () => -3)).toBe(50)
    expect(backoffDelay(1, o, () => 7)).toBe(110)
  })
})
