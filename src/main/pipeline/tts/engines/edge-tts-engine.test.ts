import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TTS_ENGINES_SETTINGS } from '../../../../shared/tts-engine-settings'
import { pcmRms } from '../../../../shared/wav-format'
import { startEdgeServer, type EdgeServer } from '../testing/edge-server'
import { HOSTILE_TEXTS } from '../testing/hostile-text'
import { MP3_FIXTURE } from '../testing/test-audio'
import { EdgeTtsEngine, type EdgeTtsEngineOptions } from './edge-tts-engine'
import { SpeechEngineError } from './speech-error'

const open: { close(): Promise<void> }[] = []
const engines: EdgeTtsEngine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()))
  await Promise.all(open.splice(0).map((s) => s.close()))
})

async function setup(
  options: Partial<EdgeTtsEngineOptions> = {}
): Promise<{ server: EdgeServer; engine: EdgeTtsEngine }> {
  const server = await startEdgeServer()
  open.push(server)
  const engine = new EdgeTtsEngine({
    ...DEFAULT_TTS_ENGINES_SETTINGS.edge,
    url: server.url,
    timeoutMs: 2000,
    ...options
  })
  engines.push(engine)
  return { server, engine }
}

const say = (engine: EdgeTtsEngine, text = '主播好', signal?: AbortSignal) =>
  engine.synthesize({ text, voice: '', rate: 175, signal })

async function failure(promise: Promise<unknown>): Promise<SpeechEngineError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(SpeechEngineError)
  return err as SpeechEngineError
}

describe('Edge read-aloud engine against a local Edge-protocol server', () => {
  it('speaks: the MP3 frames are decoded to 16-bit mono PCM', async () => {
    const { engine } = await setup()
    const clip = await say(engine)
    expect(clip.format).toEqual({ sampleRate: MP3_FIXTURE.sampleRate, channels: 1, bitDepth: 16 })
    expect(clip.pcm.byteLength / 2).toBe(MP3_FIXTURE.samples)
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
  })

  it('sends what the service expects: token, GEC, browser headers, speech.config then SSML', async () => {
    const { server, engine } = await setup({
      voice: 'zh-CN-YunxiNeural',
      pitch: '+5Hz',
      volume: '-10%'
    })
    await engine.synthesize({ text: '你好', voice: '', rate: 350 })
    const [conn] = server.connections
    const query = new URL(conn!.url, 'http://x').searchParams
    expect(query.get('TrustedClientToken')).toBe(
      DEFAULT_TTS_ENGINES_SETTINGS.edge.trustedClientToken
    )
    expect(query.get('Sec-MS-GEC')).toMatch(/^[0-9A-F]{64}$/)
    expect(query.get('Sec-MS-GEC-Version')).toBe(DEFAULT_TTS_ENGINES_SETTINGS.edge.secMsGecVersion)
    expect(query.get('ConnectionId')).toMatch(/^[0-9a-f]{32}$/)
    expect(conn!.headers.origin).toBe('chrome-extension://jdiccldimpdaibmpdkjnbmckianbfold')
    expect(conn!.headers['user-agent']).toContain('Edg/')
    expect(conn!.messages.map((m) => m.headers.Path)).toEqual(['speech.config', 'ssml'])
    expect(JSON.parse(conn!.messages[0]!.body).context.synthesis.audio.outputFormat).toBe(
      'audio-24khz-48kbitrate-mono-mp3'
    )
    expect(server.ssmlBodies()[0]).toBe(
      "<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='zh-CN'><voice name='zh-CN-YunxiNeural'>" +
        "<prosody pitch='+5Hz' rate='+100%' volume='-10%'>你好</prosody></voice></speak>"
    )
  })

  it('uses the request voice when one is given', async () => {
    const { server, engine } = await setup()
    await engine.synthesize({ text: 'x', voice: 'zh-CN-XiaoyiNeural', rate: 175 })
    expect(server.ssmlBodies()[0]).toContain("<voice name='zh-CN-XiaoyiNeural'>")
  })

  it('escapes hostile comment text: the server receives one voice and the text as text', async () => {
    const { server, engine } = await setup()
    for (const text of HOSTILE_TEXTS) await say(engine, text)
    const bodies = server.ssmlBodies()
    expect(bodies).toHaveLength(HOSTILE_TEXTS.length)
    for (const body of bodies) {
      expect(body.match(/<voice /g)).toHaveLength(1)
      expect(body.match(/</g)).toHaveLength(6)
      expect(body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
    }
    expect(bodies[1]).toContain(
      '&lt;/prosody&gt;&lt;/voice&gt;&lt;voice name=&apos;en-US-GuyNeural&apos;&gt;hijacked'
    )
    expect(bodies[3]).toContain(']]&gt;&lt;![CDATA[&lt;speak&gt;')
  })

  it('runs parallel lines on separate connections', async () => {
    const { server, engine } = await setup()
    const clips = await Promise.all(['一', '二', '三', '四'].map((t) => say(engine, t)))
    expect(clips.every((c) => c.pcm.byteLength === MP3_FIXTURE.samples * 2)).toBe(true)
    expect(server.connections).toHaveLength(4)
  })

  it('times out on a server that accepts and never answers', async () => {
    const { server, engine } = await setup({ timeoutMs: 150 })
    server.plan.set({ kind: 'hang' })
    const err = await failure(say(engine))
    expect(err.kind).toBe('timeout')
    expect(err.retryable).toBe(false)
  })

  it('reports a refused handshake with its status, 403 with a hint, not retryable', async () => {
    const { server, engine } = await setup()
    server.plan.queue({ kind: 'status', status: 403 }, { kind: 'status', status: 503 })
    const forbidden = await failure(say(engine))
    expect(forbidden).toMatchObject({ kind: 'http', status: 403, retryable: false })
    expect(forbidden.message).toMatch(/HTTP 403 .*Sec-MS-GEC/)
    const unavailable = await failure(say(engine))
    expect(unavailable).toMatchObject({ kind: 'http', status: 503, retryable: true })
  })

  it('fails on a connection dropped before turn.end (truncated audio), retryable', async () => {
    const { server, engine } = await setup()
    server.plan.queue({ kind: 'truncate', how: 'drop' }, { kind: 'truncate', how: 'short' })
    const dropped = await failure(say(engine))
    expect(dropped).toMatchObject({ kind: 'network', retryable: true })
    expect(dropped.message).toMatch(/truncated after \d+ bytes/)
    const closed = await failure(say(engine))
    expect(closed.message).toMatch(/\(1000\) before turn.end/)
  })

  it('refuses garbage audio and an answer without audio', async () => {
    const { server, engine } = await setup()
    server.plan.queue({ kind: 'garbage' }, { kind: 'no-audio' })
    expect(await failure(say(engine))).toMatchObject({
      kind: 'bad-audio',
      message: expect.stringMatching(/not MP3/)
    })
    expect(await failure(say(engine))).toMatchObject({
      kind: 'bad-audio',
      message: expect.stringMatching(/no audio was received/)
    })
  })

  it('assembles a slow stream of small frames, and cuts one slower than the timeout', async () => {
    const { server, engine } = await setup({ timeoutMs: 300 })
    server.plan.queue(
      { kind: 'slow', chunkBytes: 1000, delayMs: 5 },
      { kind: 'slow', chunkBytes: 200, delayMs: 100 }
    )
    expect((await say(engine)).pcm.byteLength).toBe(MP3_FIXTURE.samples * 2)
    expect(await failure(say(engine))).toMatchObject({ kind: 'timeout' })
  })

  it('stops at once when the caller aborts, and on dispose', async () => {
    const { server, engine } = await setup()
    server.plan.set({ kind: 'hang' })
    const controller = new AbortController()
    const pending = say(engine, 'x', controller.signal)
    controller.abort()
    expect(await failure(pending)).toMatchObject({ kind: 'aborted' })
    const inFlight = say(engine)
    await engine.dispose()
    expect(await failure(inFlight)).toMatchObject({ kind: 'aborted' })
    expect(await failure(say(engine))).toMatchObject({ kind: 'unavailable' })
  })

  it('reports an unreachable server as a network failure', async () => {
    const { server, engine } = await setup()
    await server.close()
    expect(await failure(say(engine))).toMatchObject({ kind: 'network', retryable: true })
  })
})
