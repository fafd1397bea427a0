import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { pcmRms } from '../../../../shared/wav-format'
import { ttsEnginesSettingsSchema } from '../../../../shared/tts-engine-settings'
import { detectEspeakCli, EspeakCliEngine, type EspeakInstall } from '../espeak-cli-engine'
import { EdgeTtsEngine } from '../engines/edge-tts-engine'
import { GptSovitsEngine } from '../engines/gpt-sovits-engine'
import { OpenAiSpeechEngine } from '../engines/openai-speech-engine'
import { startEdgeServer } from '../testing/edge-server'
import { startGptSovitsServer } from '../testing/gpt-sovits-server'
import { ManualClock } from '../../../testing/manual-clock'
import { startOpenAiSpeechServer } from '../testing/openai-speech-server'
import { MP3_FIXTURE } from '../testing/test-audio'
import { createResilientEngine } from './from-settings'
import { ResilientEngine } from './resilient-engine'

/**
 * The resilience layer with real engines against real local servers, and the real offline voice
 * (the espeak-ng program) as the fallback. Timeouts run on a manual clock, advanced only once the
 * server has seen the request, so nothing here depends on how fast the machine is.
 */

let install: EspeakInstall
beforeAll(async () => {
  const found = await detectEspeakCli()
  if (!found) throw new Error('the espeak-ng program is required (.ci/run installs it)')
  install = found
})

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5))
  if (!predicate()) throw new Error('condition never became true')
}

const LINE = { text: '感谢小橘子送的玫瑰', voice: '', rate: 175 }

describe('fallback to the offline voice with real servers', () => {
  it('Edge hangs: the attempt is aborted at the timeout and espeak-ng speaks the line', async () => {
    const server = await startEdgeServer()
    cleanups.push(() => server.close())
    server.plan.set({ kind: 'hang' })
    const clock = new ManualClock()
    const engine = new ResilientEngine({
      primary: new EdgeTtsEngine({
        ...ttsEnginesSettingsSchema.parse({}).edge,
        url: server.url,
        timeoutMs: 60_000
      }),
      fallback: new EspeakCliEngine(install),
      attemptTimeoutMs: 4000,
      clock
    })
    cleanups.push(() => engine.dispose())
    const pending = engine.synthesize(LINE)
    await until(() => server.ssmlBodies().length === 1)
    await clock.advance(4000)
    const clip = await pending
    expect(clip).toMatchObject({ spokenBy: 'espeak-cli', usedFallback: true })
    expect(clip.format.sampleRate).toBe(22_050)
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
    expect(engine.status()).toMatchObject({
      health: 'degraded',
      counts: { timeouts: 1, fallbackSpoken: 1 }
    })
  })

  it('Edge sends garbage, then recovers: fallback first, primary next', async () => {
    const server = await startEdgeServer()
    cleanups.push(() => server.close())
    server.plan.queue({ kind: 'garbage' })
    const engine = new ResilientEngine({
      primary: new EdgeTtsEngine({ ...ttsEnginesSettingsSchema.parse({}).edge, url: server.url }),
      fallback: new EspeakCliEngine(install),
      attemptTimeoutMs: 10_000
    })
    cleanups.push(() => engine.dispose())
    const first = await engine.speak(LINE)
    expect(first).toMatchObject({ spokenBy: 'espeak-cli', attempts: 1 })
    expect(first.primaryError).toMatch(/not MP3/)
    const second = await engine.speak(LINE)
    expect(second.spokenBy).toBe('edge')
    expect(second.clip.pcm.byteLength).toBe(MP3_FIXTURE.samples * 2)
  })

  it('OpenAI-compatible server answers 503 once: the retry speaks with the primary', async () => {
    const server = await startOpenAiSpeechServer()
    cleanups.push(() => server.close())
    server.plan.queue({ kind: 'status', status: 503 })
    const engine = new ResilientEngine({
      primary: new OpenAiSpeechEngine({
        ...ttsEnginesSettingsSchema.parse({}).openai,
        baseUrl: server.url
      }),
      fallback: new EspeakCliEngine(install),
      attemptTimeoutMs: 10_000,
      retries: 1,
      backoffBaseMs: 1,
      backoffMaxMs: 1
    })
    cleanups.push(() => engine.dispose())
    const outcome = await engine.speak(LINE)
    expect(outcome).toMatchObject({ spokenBy: 'openai', attempts: 2 })
    expect(server.requests).toHaveLength(2)
  })

  it('GPT-SoVITS keeps failing: the circuit opens, the server is left alone, then one probe closes it', async () => {
    const server = await startGptSovitsServer()
    cleanups.push(() => server.close())
    server.plan.set({ kind: 'truncate', how: 'short' })
    const clock = new ManualClock()
    const engine = new ResilientEngine({
      primary: new GptSovitsEngine({
        ...ttsEnginesSettingsSchema.parse({}).gptSovits,
        url: `${server.url}/tts`
      }),
      fallback: new EspeakCliEngine(install),
      attemptTimeoutMs: 30_000,
      retries: 0,
      failureThreshold: 3,
      cooldownMs: 60_000,
      clock
    })
    cleanups.push(() => engine.dispose())
    for (let i = 0; i < 5; i++) expect((await engine.speak(LINE)).spokenBy).toBe('espeak-cli')
    expect(server.requests).toHaveLength(3)
    expect(engine.status()).toMatchObject({
      health: 'open',
      circuit: 'open',
      counts: { skipped: 2, fallbackSpoken: 5 }
    })
    expect(engine.status().lastError).toMatch(/truncated audio/)
    server.plan.set({ kind: 'ok' })
    await clock.advance(60_000)
    expect((await engine.speak(LINE)).spokenBy).toBe('gpt-sovits')
    expect(server.requests).toHaveLength(4)
    expect(engine.status()).toMatchObject({ health: 'healthy', circuit: 'closed' })
  })
})

describe('createResilientEngine (from tts.engines settings)', () => {
  it('builds the configured engine with its limits and the given fallback', async () => {
    const server = await startOpenAiSpeechServer()
    cleanups.push(() => server.close())
    const settings = ttsEnginesSettingsSchema.parse({
      openai: { baseUrl: server.url, responseFormat: 'pcm' },
      resilience: { retries: 0 }
    })
    const engine = createResilientEngine('openai', settings, {
      fallback: new EspeakCliEngine(install)
    })
    cleanups.push(() => engine.dispose())
    expect(engine.name).toBe('openai')
    expect(engine.description).toMatch(/OpenAI-compatible .* falls back to espeak-ng/)
    expect(await engine.synthesize(LINE)).toMatchObject({
      spokenBy: 'openai',
      format: { sampleRate: 24_000 }
    })
    server.plan.queue({ kind: 'status', status: 500 })
    expect(await engine.synthesize(LINE)).toMatchObject({ spokenBy: 'espeak-cli' })
  })

  it('with fallback none, drops the line and disposes the unused fallback', async () => {
    const server = await startOpenAiSpeechServer()
    cleanups.push(() => server.close())
    const settings = ttsEnginesSettingsSchema.parse({
      openai: { baseUrl: server.url },
      resilience: { retries: 0, fallback: 'none' }
    })
    let disposed = false
    const fallback = new EspeakCliEngine(install)
    fallback.dispose = async () => {
      disposed = true
    }
    const engine = createResilientEngine('openai', settings, { fallback })
    cleanups.push(() => engine.dispose())
    expect(disposed).toBe(true)
    server.plan.queue({ kind: 'status', status: 500 })
    await expect(engine.synthesize(LINE)).rejects.toMatchObject({ kind: 'http', status: 500 })
    expect(engine.status().fallback).toBeUndefined()
  })
})
