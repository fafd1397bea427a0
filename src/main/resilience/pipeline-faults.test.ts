import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type SettingsInput } from '../../shared/settings'
import { parseWav } from '../../shared/wav-format'
import { AppController } from '../app/app-controller'
import { forkPlayer, type PlayerChannel } from '../pipeline/playback/player-launcher'
import { EspeakWasmEngine } from '../pipeline/tts/espeak-wasm-engine'
import { SettingsStore } from '../settings/settings-store'
import { readOnlyDir } from '../testing/fault-fs'
import { useCleanups } from '../testing/cleanups'
import { ASSETS_DIR, requireBuild, WORKER_DIR } from '../testing/paths'
import { startTestPipeline, type PipelineOverrides } from '../testing/test-pipeline'
import { PushSource } from '../testing/push-source'
import { waitFor } from '../testing/wait-for'

/**
 * Fault injection against the real pipeline (worker threads, espeak-ng, the player process): each
 * fault is injected mid-work and each test asserts that nothing was lost.
 */
requireBuild()
const defer = useCleanups()

/** Every line spoken, none dropped: a deterministic room (no shedding, no anti-spam, no prewarm). */
const STEADY: SettingsInput = {
  shedding: { enabled: false },
  antiSpam: { perUserLimit: 0, dedupeWindowSec: 0 },
  prewarm: { enabled: false },
  tts: { rate: 450 }
}

const start = (overrides: PipelineOverrides = {}, input: SettingsInput = {}) =>
  startTestPipeline(defer, { ...STEADY, ...input }, overrides)

const gift = (source: PushSource, i: number) =>
  source.push({
    type: 'gift',
    user: { id: String(5000 + i), nickname: `大哥${i}` },
    gift: { id: '1', name: '玫瑰', count: 1, diamonds: 1 }
  })

describe('fault injection: nothing is lost', () => {
  it('player kill -9 mid-line: the line cut off and every gift queued behind it are played', async () => {
    const channels: PlayerChannel[] = []
    const { pipeline, source, records, dir, ready } = start(
      {
        audioPace: 'realtime',
        playerLauncher: (f, env) => (channels.push(forkPlayer(f, env)), channels.at(-1)!)
      },
      // One line per gift (the planner would merge them), so lines wait behind the one cut off.
      { plan: { enabled: false } }
    )
    await ready
    const ids = Array.from({ length: 6 }, (_, i) => gift(source, i).id)
    const wav = join(dir, 'out.wav')
    await waitFor(() => {
      try {
        return parseWav(readFileSync(wav)).pcm.byteLength > 4410
      } catch {
        return false
      }
    }, 'the first thanks on its way to the speakers')
    const queuedAtKill = pipeline.lines.size
    // The process playing now: the one started with the pipeline was parked once it was ready.
    const launchedAtKill = channels.length
    channels.at(-1)!.kill()
    await waitFor(() => records.length === ids.length, 'a record for every gift', 60_000)
    expect(queuedAtKill).toBeGreaterThan(0)
    expect(records.filter((r) => r.dropped)).toEqual([])
    expect(new Set(records.map((r) => r.eventId))).toEqual(new Set(ids))
    expect(channels.length).toBe(launchedAtKill + 1)
    expect(pipeline.player.status()).toMatchObject({ state: 'ready', notPlayed: 0, played: 6 })
    expect(pipeline.manager.status().find((c) => c.id === 'audio-player')?.restarts).toBe(1)
  })

  it('worker threads killed mid-task (speech and processing): every line is spoken once', async () => {
    const { pipeline, source, records, ready } = start({
      createEngine: async () => new EspeakWasmEngine(join(WORKER_DIR, 'tts.worker.js'))
    })
    await ready
    const engine = pipeline.tts.engine as EspeakWasmEngine
    const ids = Array.from(
      { length: 6 },
      (_, i) => source.chat(`观众${i}`, `第${i}条不同的弹幕`).id
    )
    // The WebAssembly voice takes ~250 ms a line: kill its threads while they synthesise, and the
    // processing threads too.
    await waitFor(() => engine.threads() > 0 && pipeline.tts.pool.status().active > 0, 'synthesis')
    // Processing runs in-thread at this rate; its pool, when a flood started it, is killed too.
    const killed = [
      ...engine.executor.pool.threads,
      ...(pipeline.processing.executor?.pool.threads ?? [])
    ]
    await Promise.all(killed.map((t) => t.terminate()))
    await waitFor(() => records.length === ids.length, 'a record for every chat', 60_000)
    expect(records.filter((r) => r.dropped)).toEqual([])
    expect(records.map((r) => r.eventId).sort()).toEqual([...ids].sort())
    expect(pipeline.tts.pool.status().retried).toBeGreaterThan(0)
    expect(pipeline.tts.pool.status().failed).toBe(0)
  })

  it('a read-only settings folder: the change is refused with its code, the old value stays live', async () => {
    const ro = readOnlyDir((d) =>
      writeFileSync(join(d, 'settings.json'), JSON.stringify({ tts: { rate: 200 } }))
    )
    defer(ro.cleanup)
    const controller = new AppController({
      store: new SettingsStore(join(ro.dir, 'settings.json')),
      workerDir: WORKER_DIR,
      sourceOptions: { speed: 20, assetsDir: ASSETS_DIR },
      audio: { kind: 'null' },
      audioPace: 'fast'
    })
    defer(() => controller.dispose())
    expect(controller.snapshot().notices.map((n) => n.code)).toEqual(['settings-read-only'])
    await controller.connect('demo')
    const result = await controller.dispatch('updateSettings', { patch: { tts: { rate: 300 } } })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'settings-not-saved',
        message: expect.stringMatching(/\((EROFS|EACCES)\)/)
      }
    })
    expect(controller.snapshot().settings.tts.rate).toBe(200)
    expect(controller.pipeline?.settings.tts.rate).toBe(200)
    expect(controller.session.state).toBe('running')
  })
})
