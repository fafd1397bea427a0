import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pcmRms } from '../../../shared/wav-format'
import { clipDurationMs } from '../../../shared/speech'
import { requireBuild, WORKER_DIR } from '../../testing/paths'
import { detectEspeakCli, EspeakCliEngine } from './espeak-cli-engine'
import { EspeakWasmEngine } from './espeak-wasm-engine'
import { createEngine } from './engine-factory'
import { DEFAULT_SETTINGS, POOL_CEILING } from '../../../shared/settings'
import type { WasmSynthesisTask } from '../../../shared/worker-protocol'

requireBuild()
const TEXT = '感谢小橘子送的三个玫瑰'

describe('espeak-ng program engine', async () => {
  const install = await detectEspeakCli()

  it('is detected with the Mandarin voice that works on this version', () => {
    expect(install, 'espeak-ng must be installed (.ci/run installs it)').toBeDefined()
    const [major, minor] = install!.version.split('.').map(Number)
    expect(install!.voice).toBe(major! > 1 || minor! >= 52 ? 'cmn' : 'cmn-latn-pinyin')
  })

  it('speaks Mandarin: non-silent audio of plausible length', async () => {
    const clip = await new EspeakCliEngine(install!).synthesize({
      text: TEXT,
      voice: '',
      rate: 175
    })
    expect(clip.format).toEqual({ sampleRate: 22050, channels: 1, bitDepth: 16 })
    // 11 syllables at normal speed: roughly 1.5–5 s.
    expect(clipDurationMs(clip)).toBeGreaterThan(1500)
    expect(clipDurationMs(clip)).toBeLessThan(5000)
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
  })

  it('reads hostile text as text: no option or shell injection', async () => {
    const engine = new EspeakCliEngine(install!)
    const hostile = await engine.synthesize({
      text: '-w /tmp/pwned.wav $(touch /tmp/pwned) `id`; rm -rf ~',
      voice: '',
      rate: 175
    })
    expect(pcmRms(hostile.pcm)).toBeGreaterThan(300)
    const { existsSync } = await import('node:fs')
    expect(existsSync('/tmp/pwned.wav')).toBe(false)
    expect(existsSync('/tmp/pwned')).toBe(false)
  })

  it('a faster rate gives shorter audio', async () => {
    const engine = new EspeakCliEngine(install!)
    const slow = await engine.synthesize({ text: TEXT, voice: '', rate: 120 })
    const fast = await engine.synthesize({ text: TEXT, voice: '', rate: 300 })
    expect(clipDurationMs(fast)).toBeLessThan(clipDurationMs(slow) * 0.7)
  })

  it('a missing program is not found; the built-in voice speaks instead', async () => {
    expect(await detectEspeakCli('/nonexistent/espeak-ng')).toBeUndefined()
    const withEngine = (engine: 'auto' | 'espeak-cli') => ({
      tts: { ...DEFAULT_SETTINGS.tts, engine }
    })
    const substitutes: unknown[] = []
    const chosen = await createEngine(withEngine('espeak-cli'), {
      ttsWorkerFile: join(WORKER_DIR, 'tts.worker.js'),
      espeakPath: '/nonexistent/espeak-ng',
      onSubstitute: (s) => substitutes.push(s)
    })
    expect(chosen.name).toBe('espeak-wasm')
    expect(substitutes).toEqual([
      { wanted: 'espeak-cli', used: 'espeak-wasm', reason: 'not-installed' }
    ])
    await chosen.dispose()
    const auto = await createEngine(withEngine('auto'), {
      ttsWorkerFile: join(WORKER_DIR, 'tts.worker.js'),
      espeakPath: '/nonexistent/espeak-ng'
    })
    expect(auto.name).toBe('espeak-wasm')
    await auto.dispose()
  })
})

describe('espeak-ng WebAssembly engine (piscina workers)', () => {
  const engine = new EspeakWasmEngine(join(WORKER_DIR, 'tts.worker.js'))
  afterAll(() => engine.dispose())

  it('speaks Mandarin with nothing installed, in a worker thread', async () => {
    const clip = await engine.synthesize({ text: TEXT, voice: '', rate: 175 })
    expect(clip.format.sampleRate).toBe(22050)
    expect(clipDurationMs(clip)).toBeGreaterThan(1500)
    expect(clipDurationMs(clip)).toBeLessThan(5000)
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
    expect(engine.threads()).toBeGreaterThanOrEqual(1)
  })

  it('treats text that looks like options as text', async () => {
    const clip = await engine.synthesize({ text: '--help -v en', voice: '', rate: 175 })
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
  })

  it('runs utterances in parallel workers', async () => {
    const clips = await Promise.all(
      ['一', '二', '三', '四'].map((t) =>
        engine.synthesize({ text: `第${t}句话`, voice: '', rate: 175 })
      )
    )
    expect(clips.every((c) => pcmRms(c.pcm) > 300)).toBe(true)
  })
  it('worker threads killed while they start leave no line hanging: each is spoken or reported', async () => {
    const fresh = new EspeakWasmEngine(join(WORKER_DIR, 'tts.worker.js'))
    try {
      // More lines than the starting threads take: the rest wait in the pool's queue. When every
      // thread dies before it is ready, piscina alone starts no other and never settles those.
      const lines = Array.from({ length: POOL_CEILING + 4 }, (_, i) =>
        fresh.synthesize({ text: `第${i + 1}句话`, voice: '', rate: 175 })
      )
      const outcomes = Promise.allSettled(lines)
      const starting = fresh.executor.pool
      expect(starting.queueSize).toBeGreaterThan(0)
      await Promise.all(starting.threads.map((t) => t.terminate()))
      const settled = await outcomes
      for (const line of settled) {
        if (line.status === 'fulfilled') expect(pcmRms(line.value.pcm)).toBeGreaterThan(300)
        // A line whose own thread died is reported (the resilient engine retries it).
        else expect(line.reason).toMatchObject({ code: 'worker-killed' })
      }
      expect(settled.filter((l) => l.status === 'fulfilled').length).toBeGreaterThan(0)
      expect(fresh.executor.pool).not.toBe(starting)
    } finally {
      await fresh.dispose()
    }
  }, 30_000)

  it('rejects a task of unknown kind with a clear error, through the real worker', async () => {
    const bogus = { kind: 'speak', text: TEXT } as unknown as WasmSynthesisTask
    await expect(engine.executor.execute(bogus)).rejects.toThrow(
      'tts worker: unknown task kind "speak"'
    )
  })
})
