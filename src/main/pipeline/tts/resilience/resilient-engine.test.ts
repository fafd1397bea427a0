import { describe, expect, it } from 'vitest'
import { SpeechEngineError } from '../engines/speech-error'
import { flushPromises, ManualClock } from '../../../testing/manual-clock'
import { ScriptedEngine } from '../testing/scripted-engine'
import { toneClip } from '../testing/test-audio'
import { ResilientEngine } from './resilient-engine'
import { isSpokenClip, type ResilienceEvent, type ResilientEngineOptions } from './types'

const http = (status: number) =>
  new SpeechEngineError('primary', 'http', `HTTP ${status}`, { status })
const LINE = { text: '主播好', voice: 'zh-CN-XiaoxiaoNeural', rate: 200 }

function setup(options: Partial<ResilientEngineOptions> = {}) {
  const clock = new ManualClock()
  const primary = new ScriptedEngine('primary', toneClip(50, 24_000))
  const fallback = new ScriptedEngine('fallback', toneClip(50, 22_050))
  const events: ResilienceEvent[] = []
  const engine = new ResilientEngine({
    primary,
    fallback,
    attemptTimeoutMs: 1000,
    retries: 1,
    backoffBaseMs: 100,
    backoffMaxMs: 1000,
    failureThreshold: 3,
    cooldownMs: 5000,
    maxCooldownMs: 20_000,
    clock,
    random: () => 1,
    onEvent: (e) => events.push(e),
    ...options
  })
  return { clock, primary, fallback, engine, events }
}

describe('ResilientEngine', () => {
  it('speaks with the primary and says so', async () => {
    const { engine, primary, fallback, clock } = setup()
    const clip = await clock.run(engine.synthesize(LINE))
    expect(isSpokenClip(clip) && clip.spokenBy).toBe('primary')
    expect(clip.usedFallback).toBe(false)
    expect(clip.format.sampleRate).toBe(24_000)
    expect(primary.calls[0]).toMatchObject({
      text: '主播好',
      voice: 'zh-CN-XiaoxiaoNeural',
      rate: 200
    })
    expect(primary.calls[0]!.signal).toBeInstanceOf(AbortSignal)
    expect(fallback.calls).toHaveLength(0)
    expect(engine.status()).toMatchObject({
      engine: 'primary',
      fallback: 'fallback',
      health: 'healthy',
      circuit: 'closed',
      consecutiveFailures: 0
    })
    expect(engine.status().latencyMs).toMatchObject({ p50: 0, samples: 1 })
    expect(clock.pending).toBe(0)
  })

  it('retries a retryable failure after an exponential backoff, then speaks', async () => {
    const { engine, primary, clock, events } = setup({ retries: 2 })
    primary.queue(http(503), http(502), 'ok')
    const outcome = await clock.run(engine.speak(LINE))
    expect(outcome).toMatchObject({ spokenBy: 'primary', attempts: 3, usedFallback: false })
    expect(
      events.filter((e) => e.type === 'retry').map((e) => (e.type === 'retry' ? e.delayMs : 0))
    ).toEqual([100, 200])
    expect(clock.now()).toBe(300)
    expect(engine.status().counts).toMatchObject({
      retries: 2,
      primaryFailures: 2,
      primarySpoken: 1
    })
    expect(engine.status().health).toBe('healthy')
  })

  it('does not retry a non-retryable failure: the fallback speaks at once, in its own voice', async () => {
    const { engine, primary, fallback, clock, events } = setup()
    primary.queue(http(401))
    const outcome = await clock.run(engine.speak(LINE))
    expect(outcome).toMatchObject({
      spokenBy: 'fallback',
      usedFallback: true,
      attempts: 1,
      primaryError: 'primary: HTTP 401'
    })
    expect(primary.calls).toHaveLength(1)
    expect(fallback.calls[0]).toMatchObject({ text: '主播好', voice: '', rate: 200 })
    expect(events).toContainEqual({
      type: 'fallback',
      engine: 'primary',
      fallback: 'fallback',
      reason: 'primary: HTTP 401'
    })
    expect(engine.status()).toMatchObject({
      health: 'degraded',
      consecutiveFailures: 1,
      lastError: 'primary: HTTP 401',
      lastErrorAt: 0
    })
  })

  it('aborts a hung primary at the timeout and speaks with the fallback, without retrying', async () => {
    const { engine, primary, clock } = setup()
    primary.set('hang')
    const clip = await clock.run(engine.synthesize(LINE))
    expect(clip).toMatchObject({ spokenBy: 'fallback', usedFallback: true })
    expect(primary.calls).toHaveLength(1)
    expect(primary.calls[0]!.signal!.aborted).toBe(true)
    expect((primary.calls[0]!.signal!.reason as Error).name).toBe('TimeoutError')
    expect(clock.now()).toBe(1000)
    expect(engine.status().counts).toMatchObject({ timeouts: 1, fallbackSpoken: 1, retries: 0 })
    expect(engine.status().lastError).toBe('no complete answer within 1000 ms')
  })

  it('falls back even when the primary ignores its abort signal', async () => {
    const { engine, primary, clock } = setup()
    primary.set('hang-deaf')
    expect(await clock.run(engine.synthesize(LINE))).toMatchObject({ spokenBy: 'fallback' })
  })

  it('opens the circuit after N failed lines, skips the primary, probes after the cool-down', async () => {
    const { engine, primary, fallback, clock, events } = setup({ retries: 0 })
    primary.set(http(500))
    for (let i = 0; i < 3; i++) await clock.run(engine.speak(LINE))
    expect(engine.status()).toMatchObject({
      health: 'open',
      circuit: 'open',
      consecutiveFailures: 3,
      cooldownRemainingMs: 5000
    })
    // While open, lines go straight to the fallback; the primary is not called.
    const skipped = await clock.run(engine.speak(LINE))
    expect(skipped).toMatchObject({
      spokenBy: 'fallback',
      attempts: 0,
      primaryError: 'circuit open after: primary: HTTP 500'
    })
    expect(primary.calls).toHaveLength(3)
    expect(engine.status().counts.skipped).toBe(1)
    // After the cool-down one probe goes through; a line arriving meanwhile is not held up.
    await clock.advance(5000)
    primary.set('hang')
    const probe = engine.speak(LINE)
    await flushPromises()
    expect(engine.status()).toMatchObject({ circuit: 'half-open', health: 'degraded' })
    const during = await engine.speak(LINE)
    expect(during.spokenBy).toBe('fallback')
    expect(primary.calls).toHaveLength(4)
    primary.set('ok')
    await clock.run(probe) // the hung probe times out: the circuit reopens, twice as long
    expect(engine.status()).toMatchObject({ circuit: 'open', cooldownRemainingMs: 10_000 })
    await clock.advance(10_000)
    expect((await clock.run(engine.speak(LINE))).spokenBy).toBe('primary')
    expect(engine.status()).toMatchObject({
      health: 'healthy',
      circuit: 'closed',
      consecutiveFailures: 0
    })
    expect(
      events.filter((e) => e.type === 'circuit').map((e) => (e.type === 'circuit' ? e.state : ''))
    ).toEqual(['open', 'half-open', 'open', 'half-open', 'closed'])
    expect(fallback.calls.length).toBe(6)
  })

  it('never retries a probe', async () => {
    const { engine, primary, clock } = setup({ retries: 3, failureThreshold: 1 })
    primary.set(http(503))
    await clock.run(engine.speak(LINE))
    const before = primary.calls.length
    await clock.advance(5000)
    await clock.run(engine.speak(LINE))
    expect(primary.calls.length - before).toBe(1)
  })

  it('a cancelled line is no verdict: nothing counted, the probe slot freed', async () => {
    const { engine, primary, fallback, clock } = setup({ failureThreshold: 1, retries: 0 })
    primary.queue(http(500)).set('hang')
    await clock.run(engine.speak(LINE))
    await clock.advance(5000)
    const controller = new AbortController()
    const probe = engine.speak({ ...LINE, signal: controller.signal })
    await flushPromises()
    controller.abort()
    await expect(probe).rejects.toMatchObject({ kind: 'aborted' })
    expect(engine.status()).toMatchObject({ circuit: 'half-open', consecutiveFailures: 1 })
    expect(engine.status().counts.primaryFailures).toBe(1)
    expect(fallback.calls).toHaveLength(1)
    primary.set('ok')
    expect((await clock.run(engine.speak(LINE))).spokenBy).toBe('primary')
  })

  it('without a fallback, rethrows the primary error', async () => {
    const { primary, clock } = setup()
    const engine = new ResilientEngine({ primary, attemptTimeoutMs: 100, retries: 0, clock })
    primary.queue(http(400))
    await expect(clock.run(engine.speak(LINE))).rejects.toMatchObject({ kind: 'http', status: 400 })
    expect(engine.status().counts.failed).toBe(1)
    expect(engine.description).toBe('scripted engine primary')
  })

  it('names both failures when the fallback fails too', async () => {
    const { engine, primary, fallback, clock } = setup({ retries: 0 })
    primary.queue(http(500))
    fallback.queue(new Error('espeak-ng missing'))
    await expect(clock.run(engine.speak(LINE))).rejects.toThrow(
      'primary failed (primary: HTTP 500); fallback fallback failed too: espeak-ng missing'
    )
    expect(engine.status().counts).toMatchObject({ fallbackFailures: 1, failed: 1 })
  })

  it('limits primary calls in flight; time waiting for a slot counts against the timeout', async () => {
    const { engine, primary, clock } = setup({ maxConcurrent: 1 })
    primary.set('hang')
    const lines = [engine.speak(LINE), engine.speak(LINE), engine.speak(LINE)]
    await flushPromises()
    expect(primary.calls).toHaveLength(1)
    await clock.advance(1000)
    const outcomes = await Promise.all(lines)
    expect(outcomes.map((o) => o.spokenBy)).toEqual(['fallback', 'fallback', 'fallback'])
    expect(primary.maxInFlight).toBe(1)
  })

  it('tests the primary alone, outside the circuit and the counters', async () => {
    const { engine, primary, clock } = setup()
    primary.queue('ok', http(500))
    expect(await clock.run(engine.testPrimary('试音'))).toMatchObject({ ok: true, latencyMs: 0 })
    expect(await clock.run(engine.testPrimary('试音'))).toMatchObject({
      ok: false,
      error: 'primary: HTTP 500'
    })
    expect(engine.status()).toMatchObject({
      health: 'healthy',
      counts: { requests: 0, primaryFailures: 0 }
    })
  })

  it('dispose aborts lines in flight, disposes both engines, refuses new lines', async () => {
    const { engine, primary, fallback } = setup()
    primary.set('hang')
    const pending = engine.speak(LINE)
    await flushPromises()
    expect(engine.status().inFlight).toBe(1)
    await engine.dispose()
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' })
    expect(primary.disposed && fallback.disposed).toBe(true)
    await expect(engine.speak(LINE)).rejects.toMatchObject({ kind: 'unavailable' })
    expect(engine.status().inFlight).toBe(0)
  })

  it('keeps speaking when the event callback throws, and validates its options', async () => {
    const { clock } = setup()
    const primary = new ScriptedEngine('p').queue(http(500))
    const engine = new ResilientEngine({
      primary,
      fallback: new ScriptedEngine('f'),
      attemptTimeoutMs: 10,
      retries: 0,
      clock,
      onEvent: () => {
        throw new Error('logger broke')
      }
    })
    expect((await clock.run(engine.speak(LINE))).spokenBy).toBe('f')
    expect(() => new ResilientEngine({ primary, attemptTimeoutMs: 0 })).toThrow(/attemptTimeoutMs/)
    expect(() => new ResilientEngine({ primary, attemptTimeoutMs: 1, retries: -1 })).toThrow(
      /retries/
    )
  })
})
