import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TTS_ENGINES_SETTINGS } from '../../../../shared/tts-engine-settings'
import { pcmRms } from '../../../../shared/wav-format'
import { startGptSovitsServer } from '../testing/gpt-sovits-server'
import type { HttpAudioServer } from '../testing/http-audio-server'
import { GptSovitsEngine, gptSovitsRequest, type GptSovitsEngineOptions } from './gpt-sovits-engine'
import { SpeechEngineError } from './speech-error'

const open: { close(): Promise<void> }[] = []
const engines: GptSovitsEngine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()))
  await Promise.all(open.splice(0).map((s) => s.close()))
})

const BASE: GptSovitsEngineOptions = {
  ...DEFAULT_TTS_ENGINES_SETTINGS.gptSovits,
  refAudioPath: 'D:/voices/主播 "ref".wav',
  promptText: '参考文本'
}

async function setup(
  options: Partial<GptSovitsEngineOptions> = {}
): Promise<{ server: HttpAudioServer; engine: GptSovitsEngine }> {
  const server = await startGptSovitsServer()
  open.push(server)
  const engine = new GptSovitsEngine({
    ...BASE,
    url: `${server.url}/tts`,
    timeoutMs: 3000,
    ...options
  })
  engines.push(engine)
  return { server, engine }
}

const say = (engine: GptSovitsEngine, text = '欢迎来到直播间') =>
  engine.synthesize({ text, voice: 'cmn', rate: 175 })

async function failure(promise: Promise<unknown>): Promise<SpeechEngineError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(SpeechEngineError)
  return err as SpeechEngineError
}

describe('GPT-SoVITS request shape', () => {
  it('POSTs the api_v2 JSON fields, extra fields included', () => {
    const r = gptSovitsRequest(
      { ...BASE, extra: { top_k: 5, text_split_method: 'cut5' } },
      { text: 'a&b=c', rate: 350 }
    )
    expect(r.method).toBe('POST')
    expect(JSON.parse(r.body!)).toEqual({
      text: 'a&b=c',
      text_lang: 'zh',
      ref_audio_path: 'D:/voices/主播 "ref".wav',
      prompt_text: '参考文本',
      prompt_lang: 'zh',
      media_type: 'wav',
      speed_factor: 2,
      streaming_mode: false,
      top_k: 5,
      text_split_method: 'cut5'
    })
  })

  it('GETs with every field URL-encoded in the query', () => {
    const r = gptSovitsRequest(
      { ...BASE, method: 'GET', url: 'http://h:9880/tts' },
      { text: 'a&b=c #? 你好', rate: 175 }
    )
    const url = new URL(r.url)
    expect(r.method).toBe('GET')
    expect(url.searchParams.get('text')).toBe('a&b=c #? 你好')
    expect(url.searchParams.get('ref_audio_path')).toBe('D:/voices/主播 "ref".wav')
    expect(url.searchParams.get('speed_factor')).toBe('1')
    expect(url.hash).toBe('')
  })

  it('fills a URL template and adds nothing else', () => {
    const r = gptSovitsRequest(
      { ...BASE, url: 'http://h:9880/?text={text}&text_language=zh&speed={speed}&refer={voice}' },
      { text: 'a&b /?', rate: 87.5 }
    )
    expect(r.url).toBe(
      `http://h:9880/?text=a%26b%20%2F%3F&text_language=zh&speed=0.5&refer=${encodeURIComponent(BASE.refAudioPath)}`
    )
    expect(r.body).toBeUndefined()
  })

  it('leaves ref_audio_path out when none is configured (servers with a default voice)', () => {
    expect(
      JSON.parse(gptSovitsRequest({ ...BASE, refAudioPath: '' }, { text: 'x', rate: 175 }).body!)
    ).not.toHaveProperty('ref_audio_path')
  })
})

describe('GPT-SoVITS engine against a local api_v2-like server', () => {
  it('speaks over POST and GET, ignoring the pipeline voice name', async () => {
    const { server, engine } = await setup()
    expect(pcmRms((await say(engine)).pcm)).toBeGreaterThan(300)
    const get = new GptSovitsEngine({ ...BASE, method: 'GET', url: `${server.url}/tts` })
    engines.push(get)
    expect(pcmRms((await say(get)).pcm)).toBeGreaterThan(300)
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET'])
    expect(JSON.parse(server.requests[0]!.body).ref_audio_path).toBe(BASE.refAudioPath)
    expect(server.requests[1]!.query.get('text')).toBe('欢迎来到直播间')
  })

  it('speaks raw PCM at the configured rate, and through a URL template', async () => {
    const { server, engine } = await setup({ mediaType: 'raw' })
    const clip = await say(engine)
    expect(clip.format).toEqual({ sampleRate: 32_000, channels: 1, bitDepth: 16 })
    const templated = new GptSovitsEngine({
      ...BASE,
      url: `${server.url}/tts?text={text}&text_lang=zh&speed_factor={speed}`
    })
    engines.push(templated)
    expect(pcmRms((await say(templated, '模板 & 测试')).pcm)).toBeGreaterThan(300)
    expect(server.requests[1]!.query.get('text')).toBe('模板 & 测试')
  })

  it('passes on the server words of a 400, and marks 5xx retryable', async () => {
    const { server, engine } = await setup({ textLang: '' })
    expect(await failure(say(engine))).toMatchObject({
      status: 400,
      retryable: false,
      message: expect.stringMatching(/text_lang is required/)
    })
    const ok = new GptSovitsEngine({ ...BASE, url: `${server.url}/tts` })
    engines.push(ok)
    server.plan.queue({ kind: 'status', status: 502 })
    expect(await failure(say(ok))).toMatchObject({ status: 502, retryable: true })
  })

  it('times out on a hung server and on a stream slower than the timeout', async () => {
    const { server, engine } = await setup({ timeoutMs: 200 })
    server.plan.queue({ kind: 'hang' }, { kind: 'slow', chunkBytes: 256, delayMs: 100 })
    expect(await failure(say(engine))).toMatchObject({ kind: 'timeout' })
    expect(await failure(say(engine))).toMatchObject({ kind: 'timeout' })
  })

  it('refuses truncated and garbage audio', async () => {
    const { server, engine } = await setup()
    server.plan.queue(
      { kind: 'truncate', how: 'short' },
      { kind: 'truncate', how: 'drop' },
      { kind: 'garbage' }
    )
    expect(await failure(say(engine))).toMatchObject({
      kind: 'bad-audio',
      message: expect.stringMatching(/truncated/)
    })
    expect(await failure(say(engine))).toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/truncated/)
    })
    expect(await failure(say(engine))).toMatchObject({ kind: 'bad-audio' })
  })
})
