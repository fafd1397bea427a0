import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../testing/manual-clock'
import { CircuitBreaker, type CircuitState } from './circuit-breaker'
import { sleep } from '../../../../shared/clock'
import { LatencyWindow } from './latency-window'
import { withTimeout } from './timeout'

describe('circuit breaker', () => {
  const make = (threshold = 3) => {
    const clock = new ManualClock()
    const states: CircuitState[] = []
    const breaker = new CircuitBreaker({
      failureThreshold: threshold,
      cooldownMs: 1000,
      maxCooldownMs: 3000,
      clock,
      onStateChange: (s) => states.push(s)
    })
    return { clock, breaker, states }
  }

  it('opens after N consecutive failures, and a success in between resets the count', () => {
    const { breaker, states } = make()
    breaker.onFailure(false)
    breaker.onFailure(false)
    breaker.onSuccess(false)
    breaker.onFailure(false)
    breaker.onFailure(false)
    expect(breaker.state).toBe('closed')
    breaker.onFailure(false)
    expect(breaker.state).toBe('open')
    expect(breaker.acquire()).toBe('skip')
    expect(states).toEqual(['open'])
  })

  it('lets exactly one probe through after the cool-down; its success closes the circuit', async () => {
    const { clock, breaker, states } = make(1)
    breaker.onFailure(false)
    await clock.advance(999)
    expect(breaker.acquire()).toBe('skip')
    expect(breaker.cooldownRemaining()).toBe(1)
    await clock.advance(1)
    expect(breaker.acquire()).toBe('probe')
    expect(breaker.state).toBe('half-open')
    expect(breaker.acquire()).toBe('skip')
    breaker.onSuccess(true)
    expect(breaker.state).toBe('closed')
    expect(breaker.consecutiveFailures).toBe(0)
    expect(breaker.acquire()).toBe('call')
    expect(states).toEqual(['open', 'half-open', 'closed'])
  })

  it('reopens after a failed probe with a doubled cool-down, capped', async () => {
    const { clock, breaker } = make(1)
    breaker.onFailure(false)
    for (const expected of [2000, 3000, 3000]) {
      await clock.advance(breaker.cooldownRemaining())
      expect(breaker.acquire()).toBe('probe')
      breaker.onFailure(true)
      expect(breaker.state).toBe('open')
      expect(breaker.cooldownRemaining()).toBe(expected)
    }
  })

  it('frees the probe slot when the probe is abandoned', async () => {
    const { clock, breaker } = make(1)
    breaker.onFailure(false)
    await clock.advance(1000)
    expect(breaker.acquire()).toBe('probe')
    breaker.onAbandon(true)
    expect(breaker.state).toBe('half-open')
    expect(breaker.acquire()).toBe('probe')
  })

  it('ignores a late success of a call started before the circuit opened', () => {
    const { breaker } = make(1)
    breaker.onFailure(false)
    breaker.onSuccess(false)
    expect(breaker.state).toBe('open')
  })

  it('validates its threshold', () => {
    expect(
      () =>
        new CircuitBreaker({
          failureThreshold: 0,
          cooldownMs: 1,
          maxCooldownMs: 1,
          clock: new ManualClock()
        })
    ).toThrow(/failureThreshold/)
  })
})

describe('timeout and sleep on an injected clock', () => {
  it('aborts the task with a TimeoutError and settles even if the task ignores its signal', async () => {
    const clock = new ManualClock()
    let seen: AbortSignal | undefined
    const pending = withTimeout(
      (signal) => {
        seen = signal
        return new Promise<never>(() => {})
      },
      { timeoutMs: 500, clock }
    )
    await expect(clock.run(pending)).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'no complete answer within 500 ms'
    })
    expect(seen?.aborted).toBe(true)
    expect(clock.now()).toBe(500)
    expect(clock.pending).toBe(0)
  })

  it('passes the result through and clears its timer; follows the outer signal', async () => {
    const clock = new ManualClock()
    await expect(withTimeout(async () => 42, { timeoutMs: 500, clock })).resolves.toBe(42)
    expect(clock.pending).toBe(0)
    const outer = new AbortController()
    const pending = withTimeout(() => new Promise<never>(() => {}), {
      timeoutMs: 500,
      clock,
      signal: outer.signal
    })
    outer.abort(new Error('caller left'))
    await expect(pending).rejects.toThrow('caller left')
    expect(clock.pending).toBe(0)
  })

  it('turns a synchronous throw into a rejection', async () => {
    const clock = new ManualClock()
    await expect(
      withTimeout(
        () => {
          throw new Error('sync')
        },
        { timeoutMs: 5, clock }
      )
    ).rejects.toThrow('sync')
  })

  it('sleeps on the clock and can be cut short', async () => {
    const clock = new ManualClock()
    let woke = false
    const nap = sleep(100, undefined, clock).then(() => (woke = true))
    await clock.advance(99)
    expect(woke).toBe(false)
    await clock.advance(1)
    await nap
    expect(woke).toBe(true)
    const controller = new AbortController()
    const cut = sleep(100, controller.signal, clock)
    controller.abort(new Error('stop'))
    await expect(cut).rejects.toThrow('stop')
    expect(clock.pending).toBe(0)
  })
})

describe('latency window', () => {
  it('keeps the last N samples and reports nearest-rank quantiles', () => {
    const w = new LatencyWindow(4)
    expect(w.quantile(0.5)).toBeUndefined()
    for (const ms of [100, 1, 2, 3, 4]) w.add(ms)
    expect(w.count).toBe(4)
    expect(w.quantile(0.5)).toBe(2)
    expect(w.quantile(0.95)).toBe(4)
  })
})
