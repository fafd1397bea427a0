import { describe, expect, it } from 'vitest'
import {
  DEFAULT_TUNING,
  INITIAL_POLICY_STATE,
  ewma,
  slope,
  step,
  type PolicyState
} from './scaling-policy'

function run(backlogs: number[], start: number, bounds = { min: 1, max: 4 }) {
  let state: PolicyState = INITIAL_POLICY_STATE
  let size = start
  const sizes: number[] = []
  const reasons: string[] = []
  for (const b of backlogs) {
    const r = step(state, b, size, bounds)
    state = r.state
    if (r.decision.reason) reasons.push(r.decision.reason)
    size = r.decision.size
    sizes.push(size)
  }
  return { sizes, reasons }
}

describe('scaling policy', () => {
  it('computes EWMA and slope', () => {
    expect(ewma(0, 10, 0.5, true)).toBe(10)
    expect(ewma(10, 20, 0.5, false)).toBe(15)
    expect(slope([1, 2, 3, 4])).toBeCloseTo(1)
    expect(slope([4, 4, 4])).toBe(0)
    expect(slope([5])).toBe(0)
  })

  it('grows on a rising backlog, one step at a time, up to max', () => {
    const { sizes, reasons } = run([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60], 1)
    expect(sizes[0]).toBe(1)
    expect(sizes.at(-1)).toBe(4)
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]! - sizes[i - 1]!).toBeLessThanOrEqual(1)
    expect(reasons.every((r) => r.includes('grow'))).toBe(true)
  })

  it('does not flap on a noisy, flat backlog around the threshold', () => {
    const noisy = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 3 : 5))
    const { reasons } = run(noisy, 2)
    expect(reasons.length).toBeLessThanOrEqual(1)
  })

  it('shrinks only after a sustained quiet spell', () => {
    const quiet = run(Array(DEFAULT_TUNING.shrinkAfter - 1).fill(0), 3)
    expect(quiet.sizes.at(-1)).toBe(3)
    const long = run(Array(40).fill(0), 3)
    expect(long.sizes.at(-1)).toBe(1)
    expect(long.reasons.every((r) => r.includes('shrink'))).toBe(true)
  })

  it('applies new bounds at once', () => {
    const r = step(INITIAL_POLICY_STATE, 0, 4, { min: 1, max: 2 })
    expect(r.decision).toEqual({ size: 2, reason: 'bounds 1–2' })
    const up = step(INITIAL_POLICY_STATE, 0, 1, { min: 3, max: 6 })
    expect(up.decision.size).toBe(3)
  })

  it('never leaves the bounds', () => {
    const { sizes } = run(
      Array.from({ length: 100 }, (_, i) => (i < 50 ? 1000 : 0)),
      2,
      { min: 2, max: 3 }
    )
    expect(Math.max(...sizes)).toBe(3)
    expect(Math.min(...sizes)).toBe(2)
  })
})
