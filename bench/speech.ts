import { join } from 'node:path'
import { detectEspeakCli, EspeakCliEngine } from '../src/main/pipeline/tts/espeak-cli-engine'
import { EspeakWasmEngine } from '../src/main/pipeline/tts/espeak-wasm-engine'
import type { TtsEngine } from '../src/main/pipeline/tts/engine'
import { AudioPlayer } from '../src/main/pipeline/playback/audio-player'
import { DynamicThreadPool } from '../src/main/scaling/dynamic-thread-pool'
import type { SpeechRecord } from '../src/shared/speech'
import { alsaCaptureConfig, tempDir } from '../src/main/testing/paths'
import {
  lines,
  pct,
  round,
  startPipeline,
  until,
  WORKER_DIR,
  type BenchResult,
  type Row
} from './harness'
import { playerProcessFile } from '../src/main/pipeline/playback/player-launcher'

/**
 * Speech: end-to-end latency (event → first audio byte at an ALSA capture device) for cache misses
 * and hits, TTS throughput with 1 vs 2 workers, and a burst through the pipeline vs a naive serial
 * loop (synthesise inside playback).
 */
export async function run(): Promise<BenchResult> {
  const rows: Row[] = []
  const results: Record<string, unknown> = {}
  const install = await detectEspeakCli()
  const engines: { name: string; make: () => TtsEngine }[] = [
    ...(install ? [{ name: 'espeak-cli', make: () => new EspeakCliEngine(install) }] : []),
    { name: 'espeak-wasm', make: () => new EspeakWasmEngine(join(WORKER_DIR, 'tts.worker.js')) }
  ]

  // 1. End-to-end latency: event received → first audio byte at the sink (speaker into ALSA capture).
  {
    const scratch = tempDir()
    const { env } = alsaCaptureConfig(scratch.dir)
    for (const engine of engines) {
      // The hit pass says every line again: same-text dedupe would drop them all (the NaN rows).
      const { pipeline, source } = await startPipeline(
        { antiSpam: { dedupeWindowSec: 0, perUserLimit: 0 }, prewarm: { enabled: false } },
        { audio: { kind: 'speaker' }, playerEnv: env, createEngine: async () => engine.make() }
      )
      const records: SpeechRecord[] = []
      pipeline.onSpeech((r) => records.push(r))
      const texts = lines(20, 'L')
      for (const pass of ['miss', 'hit'] as const) {
        for (const text of texts) {
          const before = records.length
          source.chat('观众', text)
          await until(() => records.length > before)
        }
        const mine = records
          .filter((r) => r.cache === pass && r.startedAt !== undefined)
          .map((r) => r.startedAt! - r.receivedAt)
        results[`latency_${engine.name}_${pass}`] = {
          p50: pct(mine, 0.5),
          p95: pct(mine, 0.95),
          n: mine.length
        }
        rows.push([
          `e2e latency ${engine.name} (${pass})`,
          `p50 ${pct(mine, 0.5)} / p95 ${pct(mine, 0.95)}`,
          'ms, event → first byte at ALSA'
        ])
      }
      await pipeline.stop(0)
      pipeline.dispose()
    }
    scratch.cleanup()
  }

  // 3. TTS throughput with 1 vs 2 workers.
  for (const engine of engines) {
    const perSize: Record<number, number> = {}
    for (const size of [1, 2]) {
      const e = engine.make()
      const pool = new DynamicThreadPool({
        name: 'bench',
        bounds: () => ({ min: size, max: size }),
        backlog: () => 0,
        intervalMs: () => 1e9,
        execute: (t: { text: string }) => e.synthesize({ text: t.text, voice: '', rate: 175 })
      })
      // Warm every thread first (a WebAssembly worker compiles its module on first use).
      await Promise.all(Array.from({ length: size }, (_, i) => pool.run({ text: `预热${i}` })))
      const texts = lines(engine.name === 'espeak-cli' ? 60 : 16, `T${size}`)
      const start = performance.now()
      await Promise.all(texts.map((text) => pool.run({ text })))
      perSize[size] = texts.length / ((performance.now() - start) / 1000)
      await e.dispose()
    }
    results[`tts_${engine.name}`] = {
      utterancesPerSec1: round(perSize[1]!),
      utterancesPerSec2: round(perSize[2]!),
      speedup: round(perSize[2]! / perSize[1]!, 2)
    }
    rows.push([
      `TTS ${engine.name} 1 → 2 workers`,
      `${round(perSize[1]!)} → ${round(perSize[2]!)}`,
      `utterances/s (×${round(perSize[2]! / perSize[1]!, 2)})`
    ])
  }

  // 4. The same burst through our pipeline vs a naive serial loop (synthesise inside playback).
  for (const engine of engines) {
    const burst = lines(8, `B${engine.name}`)
    // Ours: all lines arrive at once; synthesis runs ahead while earlier lines play (real-time sink).
    // One line per gift, as the naive loop speaks them: the planner would merge one viewer's gifts
    // into a single line (its own benchmark is `busy`), so this measures the plain queue.
    const { pipeline, source } = await startPipeline(
      { pools: { tts: { min: 2, max: 2 } }, plan: { enabled: false } },
      { audioPace: 'realtime', createEngine: async () => engine.make() }
    )
    const records: SpeechRecord[] = []
    pipeline.onSpeech((r) => records.push(r))
    const t0 = Date.now()
    for (const text of burst)
      source.push({
        type: 'gift',
        user: { id: '1', nickname: '观众' },
        gift: { id: '1', name: text, count: 1 }
      })
    await until(() => records.length >= burst.length)
    const oursTotal = Math.max(...records.map((r) => r.endedAt ?? 0)) - t0
    const oursLatency = records.map((r) => (r.startedAt ?? 0) - r.receivedAt)
    await pipeline.stop(0)
    pipeline.dispose()

    // Naive: for each line, synthesise, then play, then the next.
    const e = engine.make()
    const player = new AudioPlayer({
      file: playerProcessFile(WORKER_DIR),
      sink: { kind: 'null' },
      pace: 'realtime',
      volume: 1
    })
    await player.start()
    const n0 = Date.now()
    const naiveLatency: number[] = []
    for (const text of burst) {
      const clip = await e.synthesize({ text: `感谢观众送的1个${text}`, voice: '', rate: 175 })
      const r = await player.play(clip)
      naiveLatency.push((r.startedAt ?? Date.now()) - n0)
    }
    const naiveTotal = Date.now() - n0
    await player.stop(Date.now() + 1000)
    player.dispose()
    await e.dispose()
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    results[`burst_${engine.name}`] = {
      lines: burst.length,
      oursTotalMs: oursTotal,
      naiveTotalMs: naiveTotal,
      oursMeanStartLatencyMs: round(mean(oursLatency)),
      naiveMeanStartLatencyMs: round(mean(naiveLatency)),
      totalRatio: round(naiveTotal / oursTotal, 3),
      latencyRatio: round(mean(naiveLatency) / mean(oursLatency), 2)
    }
    rows.push([
      `burst of 8, ${engine.name}: naive/ours total`,
      round(naiveTotal / oursTotal, 3),
      `${naiveTotal} vs ${oursTotal} ms`
    ])
    rows.push([
      `burst of 8, ${engine.name}: naive/ours wait`,
      round(mean(naiveLatency) / mean(oursLatency), 2),
      'mean time until each line starts'
    ])
  }

  return { name: 'speech', rows, results }
}
