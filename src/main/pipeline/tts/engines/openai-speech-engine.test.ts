import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TTS_ENGINES_SETTINGS } from '../../../../shared/tts-engine-settings'
import { clipDurationMs } from '../../../../shared/speech'
import { pcmRms } from '../../../../shared/wav-format'
import { startHttpAudioServer, type HttpAudioServer } from '../testing/http-audio-server'
import { startOpenAiSpeechServer } from '../testing/openai-speech-server'
import {
  OpenAiSpeechEngine,
  openAiSpeechBody,
  openAiSpeechUrl,
  type OpenAiSpeechEngineOptions
} from './openai-speech-engine'
import { SpeechEngineError } from './speech-error'

const open: { close(): Promise<void> }[] = []
const engines: OpenAiSpeechEngine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()))
  await Promise.all(open.splice(0).map((s) => s.close()))
})

async function setup(
  options: Partial<OpenAiSpeechEngineOptions> = {},
  apiKey?: string
): Promise<{ server: HttpAudioServer; engine: OpenAiSpeechEngine }> {
  const server = await startOpenAiSpeechServer({ apiKey })
  open.push(server)
  const engine = new OpenAiSpeechEngine({
    ...DEFAULT_TTS_ENGINES_SETTINGS.openai,
    baseUrl: server.url,
    timeoutMs: 3000,
    ...options
  })
  engines.push(engine)
  return { server, engine }
}

const say = (engine: OpenAiSpeechEngine, text = '主播好', rate = 175) =>
  engine.synthesize({ text, voice: '', rate })

async function failure(promise: Promise<unknown>): Promise<SpeechEngineError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(SpeechEngineError)
  return err as SpeechEngineError
}

describe('OpenAI-compatible request shape', () => {
  it('joins the base URL with /v1/audio/speech, once', () => {
    expect(openAiSpeechUrl('http://h:1')).toBe('http://h:1/v1/audio/speech')
    expect(openAiSpeechUrl('http://h:1/')).toBe('http://h:1/v1/audio/speech')
    expect(openAiSpeechUrl('http://h:1/v1/')).toBe('http://h:1/v1/audio/speech')
    expect(openAiSpeechUrl('http://h:1/proxy/openai')).toBe(
      'http://h:1/proxy/openai/v1/audio/speech'
    )
  })

  it('sends model, input, voice, format and a clamped speed', () => {
    const o = { ...DEFAULT_TTS_ENGINES_SETTINGS.openai }
    expect(JSON.parse(openAiSpeechBody(o, { text: '"引号"\n<x>', voice: '', rate: 350 }))).toEqual({
      model: 'tts-1',
      input: '"引号"\n<x>',
      voice: 'alloy',
      response_format: 'wav',
      speed: 2
    })
    expect(JSON.parse(openAiSpeechBody(o, { text: 'x', voice: 'nova', rate: 5000 }))).toMatchObject(
      { voice: 'nova', speed: 4 }
    )
    expect(JSON.parse(openAiSpeechBody(o, { text: 'x', voice: '', rate: 1 }))).toMatchObject({
      speed: 0.25
    })
  })
})

describe('OpenAI-compatible engine against a local server', () => {
  it('speaks wav: real speech of plausible length', async () => {
    const { server, engine } = await setup()
    const clip = await say(engine, '感谢小橘子送的三个玫瑰')
    expect(clip.format.bitDepth).toBe(16)
    expect(clipDurationMs(clip)).toBeGreaterThan(1000)
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({
      input: '感谢小橘子送的三个玫瑰',
      response_format: 'wav'
    })
    expect(server.requests[0]!.headers.authorization).toBeUndefined()
  })

  it('speaks pcm as 24 kHz s16le mono', async () => {
    const { engine } = await setup({ responseFormat: 'pcm' })
    const clip = await say(engine)
    expect(clip.format).toEqual({ sampleRate: 24_000, channels: 1, bitDepth: 16 })
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
  })

  it('sends the API key as a bearer token; a wrong key is a non-retryable 401', async () => {
    const { server, engine } = await setup({ apiKey: 'sk-test-123' }, 'sk-test-123')
    await say(engine)
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test-123')
    const wrong = new OpenAiSpeechEngine({
      ...DEFAULT_TTS_ENGINES_SETTINGS.openai,
      baseUrl: server.url,
      apiKey: 'sk-wrong'
    })
    engines.push(wrong)
    const err = await failure(say(wrong))
    expect(err).toMatchObject({ kind: 'http', status: 401, retryable: false })
    expect(err.message).toContain('Incorrect API key')
    expect(err.message).not.toContain('sk-wrong')
  })

  it('maps 4xx to non-retryable and 5xx/429 to retryable errors, with the server words', async () => {
    const { server, engine } = await setup()
    server.plan.queue(
      { kind: 'status', status: 400, body: 'bad voice' },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429 }
    )
    expect(await failure(say(engine))).toMatchObject({
      status: 400,
      retryable: false,
      message: expect.stringMatching(/bad voice/)
    })
    expect(await failure(say(engine))).toMatchObject({ status: 500, retryable: true })
    expect(await failure(say(engine))).toMatchObject({ status: 429, retryable: true })
  })

  it('times out on a hung server', async () => {
    const { server, engine } = await setup({ timeoutMs: 150 })
    server.plan.set({ kind: 'hang' })
    expect(await failure(say(engine))).toMatchObject({ kind: 'timeout' })
  })

  it('detects truncated audio: a dropped connection and a WAV shorter than its header', async () => {
    const { server, engine } = await setup()
    server.plan.queue({ kind: 'truncate', how: 'drop' }, { kind: 'truncate', how: 'short' })
    expect(await failure(say(engine))).toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/truncated/)
    })
    expect(await failure(say(engine))).toMatchObject({
      kind: 'bad-audio',
      message: expect.stringMatching(/truncated audio: \d+ of \d+/)
    })
  })

  it('refuses garbage, an empty answer and a JSON answer with a 200 status', async () => {
    const { server, engine } = await setup()
    server.plan.queue({ kind: 'garbage' }, { kind: 'no-audio' })
    expect(await failure(say(engine))).toMatchObject({
      kind: 'bad-audio',
      message: expect.stringMatching(/not a WAV/)
    })
    expect(await failure(say(engine))).toMatchObject({ kind: 'bad-audio' })
    // A proxy that answers 200 with a JSON error instead of audio.
    const jsonServer = await startHttpAudioServer(async () => ({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: new TextEncoder().encode('{"detail":"model not loaded"}')
    }))
    open.push(jsonServer)
    const jsonEngine = new OpenAiSpeechEngine({
      ...DEFAULT_TTS_ENGINES_SETTINGS.openai,
      baseUrl: jsonServer.url
    })
    engines.push(jsonEngine)
    expect(await failure(say(jsonEngine))).toMatchObject({
      kind: 'bad-audio',
      message: expect.stringMatching(/expected audio, got application\/json: .*model not loaded/)
    })
  })

  it('passes on validation errors of the server as non-retryable', async () => {
    const { engine } = await setup({ model: '' })
    expect(await failure(say(engine))).toMatchObject({
      kind: 'http',
      status: 400,
      retryable: false,
      message: expect.stringMatching(/model is required/)
    })
  })

  it('reads a slow stream to the end, and cuts one slower than the timeout', async () => {
    // 2 s: the fast stream (about 100 ms alone) must not be cut while the machine runs other tests;
    // the slow one (512 bytes per 100 ms) needs many seconds.
    const { server, engine } = await setup({ timeoutMs: 2000 })
    server.plan.queue(
      { kind: 'slow', chunkBytes: 16_384, delayMs: 5 },
      { kind: 'slow', chunkBytes: 512, delayMs: 100 }
    )
    expect(pcmRms((await say(engine)).pcm)).toBeGreaterThan(300)
    expect(await failure(say(engine))).toMatchObject({ kind: 'timeout' })
  })

  it('reports a closed port as a network failure', async () => {
    const { server, engine } = await setup()
    await server.close()
    const err = await failure(say(engine))
    expect(err).toMatchObject({ kind: 'network', retryable: true })
    expect(err.message).toMatch(/ECONNREFUSED/)
  })
})
