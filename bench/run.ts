import { monitorEventLoopDelay } from 'node:perf_hooks'
import { writeFileSync, existsSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { detectEspeakCli, EspeakCliEngine } from '../src/main/pipeline/tts/espeak-cli-engine'
import { EspeakWasmEngine } from '../src/main/pipeline/tts/espeak-wasm-engine'
import type { TtsEngine } from '../src/main/pipeline/tts/engine'
import { AudioPlayer } from '../src/main/pipeline/playback/audio-player'
import { DynamicThreadPool } from '../src/main/scaling/dynamic-thread-pool'
import type { SpeechRecord } from '../src/shared/speech'
import { alsaCaptureConfig, tempDir } from '../src/main/testing/paths'
import { lines, pct, round, ROOT, startPipeline, until, WORKER_DIR } from './harness'

/**
 * `npm run bench`: prints a table and writes bench/results.json. Ratios matter, not absolute numbers
 * (a shared 2-core machine is noisy).
 */
type Row = [string, string | number, string]

async function main(): Promise<void> {
  const rows: Row[] = []
  const results: Record<string, unknown> = {
    machine: { node: process.version, cpus: cpus().length, date: new Date().toISOString() }
  }

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
      const { pipeline, source } = await startPipeline(
        {},
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

  // 2. Ingest throughput (listener + queue + processing, speech off) and main-thread lag during it.
  {
    const total = 100_000
    const { pipeline, source } = await startPipeline(
      { queues: { messageCapacity: 1_000_000 }, pools: { processing: { min: 2, max: 2 } } },
      { speech: false }
    )
    const lag = monitorEventLoopDelay({ resolution: 1 })
    lag.enable()
    const start = performance.now()
    // Arrive in socket-sized bursts, as frames do, yielding between them.
    for (let sent = 0; sent < total;) {
      for (let i = 0; i < 200 && sent < total; i++, sent++)
        source.chat(`用户${sent % 500}`, `第${sent}条弹幕哈哈哈哈哈[比心]`)
      await new Promise((r) => setImmediate(r))
    }
    await until(() => pipeline.processing.processed >= total)
    const seconds = (performance.now() - start) / 1000
    lag.disable()
    const eps = Math.round(total / seconds)
    const lagP99 = round(lag.percentile(99) / 1e6, 2)
    results.ingest = {
      events: total,
      eventsPerSec: eps,
      eventLoopLagP99Ms: lagP99,
      eventLoopLagMaxMs: round(lag.max / 1e6, 2)
    }
    rows.push(['ingest throughput', eps, 'events/s through listener+queue+processing (2 workers)'])
    rows.push(['main-thread lag during flood', `p99 ${lagP99}`, 'ms (monitorEventLoopDelay)'])
    await pipeline.stop(0)
    pipeline.dispose()
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
    const { pipeline, source } = await startPipeline(
      { pools: { tts: { min: 2, max: 2 } } },
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
      file: join(WORKER_DIR, 'player.process.js'),
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

  // 5. Flood behaviour: backlog over time with and without load shedding (real-time playback).
  for (const shedding of [true, false]) {
    const { pipeline, source } = await startPipeline(
      {
        shedding: { enabled: shedding, recoverAfterSec: 1 },
        events: { chat: { cap: 200 } },
        prewarm: { enabled: false }
      },
      {
        audioPace: 'realtime',
        createEngine: install ? async () => new EspeakCliEngine(install) : undefined
      }
    )
    const records: SpeechRecord[] = []
    pipeline.onSpeech((r) => records.push(r))
    const series: { t: number; backlog: number; level: number }[] = []
    const t0 = Date.now()
    const sampler = setInterval(
      () =>
        series.push({
          t: Date.now() - t0,
          backlog: pipeline.text.size,
          level: pipeline.status().shedding.level
        }),
      250
    )
    // 300 chats from 300 viewers in 3 s, with a big gift in the middle.
    for (let i = 0; i < 300; i++) {
      source.chat(`观众${i}`, `第${i}条刷屏弹幕`)
      if (i === 150)
        source.push({
          type: 'gift',
          user: { id: 'boss', nickname: '大哥' },
          gift: { id: '1', name: '嘉年华', count: 1, diamonds: 3000 }
        })
      await new Promise((r) => setTimeout(r, 10))
    }
    await until(
      () => Date.now() - t0 > 25_000 || (pipeline.text.size === 0 && !pipeline.playback.busy),
      60_000
    )
    clearInterval(sampler)
    const gift = records.find((r) => r.type === 'gift')
    const maxBacklog = Math.max(...series.map((p) => p.backlog))
    const drainedAt = series.findLast((p) => p.backlog > 0)?.t ?? 0
    const drops: Record<string, number> = {}
    for (const r of records) if (r.dropped) drops[r.dropped] = (drops[r.dropped] ?? 0) + 1
    const key = shedding ? 'flood_shedding' : 'flood_no_shedding'
    results[key] = {
      maxBacklog,
      drainedAfterMs: drainedAt,
      maxLevel: Math.max(...series.map((p) => p.level)),
      spoken: records.filter((r) => !r.dropped).length,
      drops,
      giftStartLatencyMs: gift?.startedAt !== undefined ? gift.startedAt - gift.receivedAt : null,
      series: series.filter((_, i) => i % 4 === 0)
    }
    rows.push([
      `flood ${shedding ? 'with' : 'without'} shedding: max backlog`,
      maxBacklog,
      `lines; empty after ${round(drainedAt / 1000)} s; gift waited ${gift?.startedAt !== undefined ? gift.startedAt - gift.receivedAt : '–'} ms`
    ])
    await pipeline.stop(0)
    pipeline.dispose()
  }

  // Merge the engine benchmark if it has been run (bench/tts-engines.ts writes it).
  const engineBench = join(ROOT, 'bench', 'tts-engines.json')
  if (existsSync(engineBench)) results.ttsEngines = JSON.parse(readFileSync(engineBench, 'utf8'))

  // Merge the source benchmark if it has been run (bench/douyin-decode.ts writes it).
  const decode = join(ROOT, 'bench', 'douyin-decode.json')
  if (existsSync(decode)) results.douyinDecode = JSON.parse(readFileSync(decode, 'utf8'))

  const width = Math.max(...rows.map((r) => r[0].length))
  console.log(`\n${'benchmark'.padEnd(width)}  ${'value'.padStart(16)}  unit / note`)
  for (const [name, value, note] of rows)
    console.log(`${name.padEnd(width)}  ${String(value).padStart(16)}  ${note}`)
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n')
  console.log('\nwrote bench/results.json')
  process.exit(0)
}

main().catch((err: Error) => {
  console.error(err)
  process.exit(1)
})
