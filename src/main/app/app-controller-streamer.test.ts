import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Notice } from '../../shared/ipc/contract'
import { parseWav, pcmRms } from '../../shared/wav-format'
import { SettingsStore } from '../settings/settings-store'
import { ASSETS_DIR, requireBuild, tempDir, WORKER_DIR } from '../testing/paths'
import { AppController } from './app-controller'

requireBuild()
const disposers: (() => unknown)[] = []
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d()
})

function controller(
  audio: ConstructorParameters<typeof AppController>[0]['audio'] = { kind: 'null' }
) {
  const c = new AppController({
    store: new SettingsStore(undefined),
    workerDir: WORKER_DIR,
    sourceOptions: { speed: Infinity, assetsDir: ASSETS_DIR },
    audio,
    audioPace: 'fast',
    tickMs: 20
  })
  disposers.push(() => c.dispose())
  return c
}

describe('AppController: what a streamer sees go wrong is coded', () => {
  it('source failures carry a code and values; command failures a reason', async () => {
    const c = controller()
    const notices: Notice[] = []
    c.onNotice((n) => notices.push(n))
    const replay = await c.dispatch('connect', { source: 'replay:/nonexistent/录制.jsonl' })
    expect(replay).toMatchObject({
      ok: true,
      value: { errorCode: 'replay-missing', errorParams: { file: '/nonexistent/录制.jsonl' } }
    })
    expect(notices.at(-1)).toMatchObject({
      code: 'source-failed',
      params: { code: 'replay-missing', file: '/nonexistent/录制.jsonl' }
    })
    for (const [source, code] of [
      ['relay:http://x', 'bad-relay-url'],
      ['douyin:www.douyin.com/user/x', 'not-a-room-link'],
      ['douyin:随便', 'bad-room-url'],
      ['twitch:abc', 'unknown-source']
    ] as const) {
      expect(await c.dispatch('connect', { source }), source).toMatchObject({
        ok: true,
        value: { state: 'idle', errorCode: code }
      })
    }
    expect(await c.dispatch('control', { action: 'skip' })).toMatchObject({
      ok: false,
      error: { code: 'failed', reason: 'need-session' }
    })
  })

  it('refuses an engine this OS cannot run, per field, and keeps the rest', async () => {
    if (process.platform === 'win32') return
    const c = controller()
    const result = await c.dispatch('updateSettings', { patch: { tts: { engine: 'sapi' } } })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-settings',
        issues: [{ path: 'tts.engine', code: 'engine-unsupported', params: { engine: 'sapi' } }]
      }
    })
    const bad = await c.dispatch('updateSettings', {
      patch: { events: { chat: { template: '' } }, pools: { tts: { max: 99 } } }
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-settings' } })
    const codes = !bad.ok ? bad.error.issues?.map((i) => `${i.path}:${i.code}`) : []
    expect(codes).toEqual(['events.chat.template:template-empty', 'pools.tts.max:too-big'])
  })

  it('lists engines: what runs here and what auto picks', async () => {
    const c = controller()
    const r = await c.dispatch('listEngines', {})
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const info = r.value as { engines: { engine: string; available: boolean }[]; auto: string }
    expect(info.auto).toBe('espeak-cli')
    expect(info.engines.find((e) => e.engine === 'edge')).toMatchObject({ available: true })
    if (process.platform === 'linux')
      expect(info.engines.find((e) => e.engine === 'sapi')).toMatchObject({ available: false })
  })
})

describe('AppController: notices from loading settings', () => {
  it('passes on the fields a damaged settings file lost, for the UI to name', () => {
    class Store extends SettingsStore {
      override readonly loadNotices = [
        {
          code: 'settings-fields-reset',
          message: 'some fields were invalid and are back to defaults',
          fields: ['pools.tts.max', 'audio.device']
        }
      ] as unknown as SettingsStore['loadNotices']
    }
    const c = new AppController({
      store: new Store(undefined),
      workerDir: WORKER_DIR,
      sourceOptions: { speed: Infinity, assetsDir: ASSETS_DIR },
      audio: { kind: 'null' }
    })
    disposers.push(() => c.dispose())
    expect(c.snapshot().notices).toMatchObject([
      { code: 'settings-fields-reset', fields: ['pools.tts.max', 'audio.device'] }
    ])
  })
})

describe('AppController: 试听 (voice preview)', () => {
  it('speaks a sample with the draft voice into the output, without a session', async () => {
    const t = tempDir()
    disposers.push(t.cleanup)
    const file = join(t.dir, 'preview.wav')
    const c = controller({ kind: 'wav', file })
    const r = await c.dispatch('previewVoice', {
      tts: { engine: 'espeak-wasm', rate: 220 },
      text: '试听一下这个声音'
    })
    expect(r).toEqual({ ok: true, value: { engine: 'espeak-wasm' } })
    const wav = parseWav(new Uint8Array(readFileSync(file)))
    expect(wav.pcm.byteLength).toBeGreaterThan(22050) // well over half a second of audio
    expect(pcmRms(wav.pcm)).toBeGreaterThan(300)
    // A draft this machine cannot run is refused like a settings field, and nothing plays.
    if (process.platform !== 'win32') {
      const refused = await c.dispatch('previewVoice', { tts: { engine: 'sapi' } })
      expect(refused).toMatchObject({
        ok: false,
        error: { issues: [{ code: 'engine-unsupported' }] }
      })
    }
    expect(parseWav(new Uint8Array(readFileSync(file))).pcm.byteLength).toBe(wav.pcm.byteLength)
  })
})
