import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AudioClip } from '../../../shared/speech'
import { parseWav } from '../../../shared/wav-format'
import { requireBuild, tempDir, WORKER_DIR } from '../../testing/paths'
import { AudioPlayer } from './audio-player'
import { listOutputDevices, parseAplayList } from './output-devices'
import { playerProcessFile } from './player-launcher'
import { wsText } from '../../bridge/ws-text'

requireBuild()
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** Two named ALSA devices (studio, cable) and a default, each captured to its own files. */
function alsaDevices(): { dir: string; env: NodeJS.ProcessEnv } {
  const t = tempDir()
  cleanups.push(t.cleanup)
  const pcm = (name: string, description?: string) =>
    `pcm.${name} { type file; slave.pcm { type null }; file "${join(t.dir, `${name.replace('!', '')}.raw`)}"; truncate false; format "raw"${description ? ` hint { show on description "${description}" }` : ''} }`
  writeFileSync(
    join(t.dir, 'asound.conf'),
    [pcm('!default'), pcm('studio', 'Studio monitor'), pcm('cable', 'Virtual cable')].join('\n') +
      '\n'
  )
  return { dir: t.dir, env: { ALSA_CONFIG_PATH: join(t.dir, 'asound.conf') } }
}

const tone: AudioClip = {
  format: { sampleRate: 22050, channels: 1, bitDepth: 16 },
  pcm: new Uint8Array(new Int16Array(2205).map((_, i) => (i % 50) * 300).buffer)
}
/** Capture files holding audio for one device (each open of an ALSA file PCM writes a new one). */
const captured = (dir: string, name: string) =>
  readdirSync(dir).filter((f) => f.startsWith(`${name}.raw`) && statSync(join(dir, f)).size > 0)

function player(env: NodeJS.ProcessEnv, device?: string, record?: string) {
  const p = new AudioPlayer({
    file: playerProcessFile(WORKER_DIR),
    sink: { kind: 'speaker', device },
    record,
    pace: 'fast',
    volume: 1,
    env
  })
  cleanups.push(
    () => p.stop(Date.now() + 2000),
    () => p.dispose()
  )
  return p
}

describe('output devices', () => {
  it('lists ALSA devices with their descriptions', async () => {
    const { env } = alsaDevices()
    const list = await listOutputDevices(env, 'linux')
    expect(list.devices).toEqual([
      { id: 'studio', label: 'Studio monitor (studio)' },
      { id: 'cable', label: 'Virtual cable (cable)' }
    ])
    expect((await listOutputDevices(env, 'win32')).note).toMatch(/default output device/)
    expect(parseAplayList('null\n    Discard\ndefault\n    Default\nhw:0\n')).toEqual([
      { id: 'hw:0', label: 'hw:0' }
    ])
  })

  it('plays to the chosen device', async () => {
    const { dir, env } = alsaDevices()
    const p = player(env, 'cable')
    await p.start()
    expect((await p.play(tone)).played).toBe(true)
    expect(captured(dir, 'cable')).toHaveLength(1)
    expect(captured(dir, 'default')).toHaveLength(0)
  })

  it('falls back to the default device with a notice when the chosen one is gone', async () => {
    const { dir, env } = alsaDevices()
    const p = player(env, 'unplugged-headset')
    const logs: string[] = []
    p.onLog(({ message }) => logs.push(message))
    await p.start()
    expect((await p.play(tone)).played).toBe(true)
    expect((await p.play(tone)).played).toBe(true)
    expect(captured(dir, 'default')).toHaveLength(2)
    expect(logs).toEqual([
      expect.stringMatching(
        /^audio: output device "unplugged-headset" cannot be opened; playing to the default device instead/
      )
    ])
  })

  it('optionally saves every line played into a WAV file as well', async () => {
    const { dir, env } = alsaDevices()
    const record = join(dir, 'session.wav')
    const p = player(env, 'studio', record)
    await p.start()
    await p.play(tone)
    await p.play(tone)
    await p.stop(Date.now() + 2000)
    expect(existsSync(record)).toBe(true)
    const saved = parseWav(readFileSync(record))
    expect(saved.pcm.byteLength).toBe(tone.pcm.byteLength * 2)
    expect(captured(dir, 'studio')).toHaveLength(2)
  })
})

describe('choosing the device in settings (live)', () => {
  it('restarts the player on the new device without stopping the pipeline', async () => {
    const { Pipeline } = await import('../pipeline')
    const { PushSource } = await import('../../testing/push-source')
    const { waitFor } = await import('../../testing/wait-for')
    const { parseSettings } = await import('../../../shared/settings')
    const { dir, env } = alsaDevices()
    const initial = parseSettings({ prewarm: { enabled: false } })
    if (!initial.ok) throw new Error()
    const source = new PushSource()
    const pipeline = new Pipeline({
      settings: initial.settings,
      source,
      workerDir: WORKER_DIR,
      audio: { kind: 'speaker' },
      audioPace: 'fast',
      playerEnv: env
    })
    cleanups.push(async () => {
      await pipeline.stop(0)
      pipeline.dispose()
    })
    const spoken: string[] = []
    pipeline.onSpeech((r) => spoken.push(r.dropped ? `dropped: ${r.dropped}` : r.text))
    await pipeline.start()
    await source.ready
    source.chat('小橘子', '默认设备')
    await waitFor(() => spoken.length === 1, 'first line')
    const next = parseSettings({ prewarm: { enabled: false }, audio: { device: 'studio' } })
    if (!next.ok) throw new Error()
    // The line arrives while the player restarts on the new device: it waits, it is not lost.
    pipeline.updateSettings(next.settings)
    source.chat('阿伟', '换到监听设备')
    await waitFor(() => spoken.length === 2, 'second line')
    expect(spoken[1]).toBe('阿伟说：换到监听设备')
    expect(pipeline.status().player).toMatchObject({ sink: 'speaker:studio', state: 'ready' })
    expect(captured(dir, 'default')).toHaveLength(1)
    expect(captured(dir, 'studio')).toHaveLength(1)
  })
})

describe('a device name that carries a command never reaches ALSA', () => {
  it('the player refuses it and plays to the default device; the command does not run', async () => {
    const { dir, env } = alsaDevices()
    const marker = join(dir, 'pwned')
    // ALSA's file plugin runs whatever follows "|" through a shell: this would create the marker.
    const p = player(env, `file:FILE='|touch ${marker}',FORMAT=raw`)
    const logs: string[] = []
    p.onLog(({ message }) => logs.push(message))
    await p.start()
    expect((await p.play(tone)).played).toBe(true)
    await p.stop(Date.now() + 2000)
    expect(existsSync(marker)).toBe(false)
    expect(captured(dir, 'default')).toHaveLength(1)
    expect(logs).toEqual([expect.stringMatching(/output device name refused/)])
  })

  it('over the bridge: the update is refused with a field error, nothing runs, nothing persists', async () => {
    const { AppController } = await import('../../app/app-controller')
    const { SettingsStore } = await import('../../settings/settings-store')
    const { UiServer } = await import('../../bridge/ui-server')
    const { waitFor } = await import('../../testing/wait-for')
    const WebSocket = (await import('ws')).default
    const { ASSETS_DIR, ROOT } = await import('../../testing/paths')
    const { dir, env } = alsaDevices()
    const marker = join(dir, 'pwned')
    const store = new SettingsStore(join(dir, 'settings.json'))
    const controller = new AppController({
      store,
      workerDir: WORKER_DIR,
      sourceOptions: { speed: 20, assetsDir: ASSETS_DIR },
      audio: { kind: 'speaker' },
      audioPace: 'fast',
      playerEnv: env,
      tickMs: 20
    })
    const server = new UiServer({ controller, rendererDir: join(ROOT, 'out', 'renderer'), port: 0 })
    await server.listen()
    cleanups.push(
      () => controller.dispose(),
      () => server.close()
    )
    await controller.connect('demo')
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge?token=${server.token}`)
    cleanups.push(() => ws.terminate())
    const replies: { id: number; result: { ok: boolean; error?: { details?: string[] } } }[] = []
    ws.on('message', (d) => {
      const m = JSON.parse(wsText(d)) as { type: string }
      if (m.type === 'result') replies.push(m as never)
    })
    await new Promise((r) => ws.once('open', r))
    const patch = { audio: { device: `file:FILE='|touch ${marker}',FORMAT=raw` } }
    ws.send(JSON.stringify({ type: 'invoke', id: 1, name: 'updateSettings', args: { patch } }))
    await waitFor(() => replies.length === 1, 'the reply')
    expect(replies[0]!.result.ok).toBe(false)
    expect(replies[0]!.result.error?.details).toEqual([
      expect.stringMatching(/^audio\.device: an output device listed by the app/)
    ])
    await waitFor(() => (controller.pipeline?.status().player.played ?? 0) >= 2, 'lines played')
    expect(existsSync(marker)).toBe(false)
    expect(store.settings.audio.device).toBe('')
    expect(existsSync(join(dir, 'settings.json'))).toBe(false)
  })
})
