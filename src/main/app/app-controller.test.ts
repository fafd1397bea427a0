import { afterEach, describe, expect, it } from 'vitest'
import type { Notice } from '../../shared/ipc/contract'
import { SettingsStore } from '../settings/settings-store'
import { ASSETS_DIR, requireBuild, WORKER_DIR } from '../testing/paths'
import { waitFor } from '../testing/wait-for'
import { AppController } from './app-controller'

requireBuild()
const disposers: (() => unknown)[] = []
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d()
})

function controller() {
  const c = new AppController({
    store: new SettingsStore(undefined),
    workerDir: WORKER_DIR,
    sourceOptions: { speed: Infinity, assetsDir: ASSETS_DIR },
    audio: { kind: 'null' },
    audioPace: 'fast',
    tickMs: 20
  })
  disposers.push(() => c.dispose())
  return c
}

describe('AppController', () => {
  it('a bad source is reported in words, with a notice, and nothing runs', async () => {
    const c = controller()
    const notices: Notice[] = []
    c.onNotice((n) => notices.push(n))
    expect(await c.dispatch('connect', { source: 'replay:/nonexistent.jsonl' })).toMatchObject({
      ok: true,
      value: { state: 'idle', error: expect.stringMatching(/replay file not found/) }
    })
    expect(notices).toMatchObject([{ level: 'error', code: 'source-failed' }])
    expect(c.pipeline).toBeUndefined()
    expect(await c.dispatch('control', { action: 'skip' })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/Connect to a room/) }
    })
  })

  it('runs a session; the test voice is spoken ahead of the queue; disconnect keeps the final status', async () => {
    const c = controller()
    await c.dispatch('connect', { source: 'demo' })
    expect(c.session.state).toBe('running')
    const spoken: string[] = []
    c.onSpeech((r) => {
      if (!r.dropped) spoken.push(r.text)
    })
    expect(await c.dispatch('testVoice', {})).toEqual({ ok: true, value: null })
    await waitFor(() => spoken.some((t) => t.startsWith('测试语音')), 'test voice spoken')
    await c.dispatch('disconnect', {})
    expect(c.session).toMatchObject({ state: 'idle', source: 'demo' })
    expect(c.status()?.counts.received).toBeGreaterThan(0)
    expect(c.snapshot().feed.length).toBeGreaterThan(0)
  })

  it('volume and rate go through the settings', async () => {
    const c = controller()
    await c.dispatch('setVolume', { volume: 0.4 })
    expect(c.snapshot().settings.audio.volume).toBe(0.4)
    expect(await c.dispatch('setVolume', { volume: 3 })).toMatchObject({
      ok: false,
      error: { code: 'bad-args' }
    })
  })
})

describe('AppController listings', () => {
  it('lists voices per engine and output devices', async () => {
    const c = controller()
    const espeak = await c.dispatch('listVoices', {})
    expect(espeak).toMatchObject({
      ok: true,
      value: {
        engine: 'auto',
        voices: expect.arrayContaining([expect.objectContaining({ id: 'cmn' })])
      }
    })
    expect(await c.dispatch('listVoices', { engine: 'edge' })).toMatchObject({
      ok: true,
      value: {
        voices: expect.arrayContaining([{ id: 'zh-CN-XiaoxiaoNeural', label: expect.any(String) }])
      }
    })
    expect(await c.dispatch('listVoices', { engine: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'bad-args' }
    })
    expect(await c.dispatch('listDevices', {})).toMatchObject({
      ok: true,
      value: { devices: expect.any(Array) }
    })
  })
})
