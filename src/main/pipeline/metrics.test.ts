import { describe, expect, it } from 'vitest'
import { SampleWindow } from './metrics'

describe('SampleWindow', () => {
  it('keeps only the last `capacity` samples and counts every one', () => {
    const w = new SampleWindow(4)
    for (const v of [100, 200, 300, 400, 1, 2, 3]) w.add(v)
    // The window now holds 400, 1, 2, 3: the three oldest were overwritten.
    expect(w.percentiles()).toEqual({ count: 7, p50: 2, p95: 400, p99: 400, max: 400 })
  })

  it('before it is full, reads what it has', () => {
    const w = new SampleWindow(10)
    expect(w.percentiles()).toEqual({ count: 0 })
    w.add(5)
    w.add(1)
    expect(w.percentiles()).toEqual({ count: 2, p50: 1, p95: 5, p99: 5, max: 5 })
  })
})
