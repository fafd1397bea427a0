import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const fixed = () => 1
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, {}, fixed))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000
    ])
  })

  it('randomises only the jitter share', () => {
    expect(backoffDelay(1, { initialMs: 1000, jitter: 0.5 }, () => 0)).toBe(500)
    expect(backoffDelay(1, { initialMs: 1000, jitter: 0.5 }, () => 1)).toBe(1000)
  })
})
