import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LineSweeper } from './line-sweeper'

describe('LineSweeper', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sweeps every interval while there is work, stops when there is none, and wakes again', () => {
    let waiting = 2
    let sweeps = 0
    const sweeper = new LineSweeper(() => {
      sweeps++
      if (waiting > 0) waiting--
      return waiting > 0
    }, 250)
    sweeper.start()
    expect(sweeper.ticking).toBe(true)
    vi.advanceTimersByTime(250)
    expect(sweeps).toBe(1)
    expect(sweeper.ticking).toBe(true)
    vi.advanceTimersByTime(250)
    expect(sweeps).toBe(2)
    // Nothing left: no timer wakes the process any more.
    expect(sweeper.ticking).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(10_000)
    expect(sweeps).toBe(2)

    // A line is added: the sweep runs again one interval later, and keeps running while needed.
    waiting = 3
    sweeper.wake()
    sweeper.wake() // idempotent: still one timer
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(249)
    expect(sweeps).toBe(2)
    vi.advanceTimersByTime(1)
    expect(sweeps).toBe(3)
    vi.advanceTimersByTime(500)
    expect(sweeps).toBe(5)
    expect(sweeper.ticking).toBe(false)
  })

  it('does not wake before start or after stop, and dispose clears its timer', () => {
    let sweeps = 0
    const sweeper = new LineSweeper(() => {
      sweeps++
      return true
    }, 100)
    sweeper.wake()
    expect(sweeper.ticking).toBe(false)
    sweeper.start()
    vi.advanceTimersByTime(300)
    expect(sweeps).toBe(3)
    sweeper.stop()
    sweeper.wake()
    vi.advanceTimersByTime(1000)
    expect(sweeps).toBe(3)
    sweeper.start()
    sweeper.dispose()
    expect(vi.getTimerCount()).toBe(0)
  })
})
