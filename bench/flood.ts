import { detectEspeakCli, EspeakCliEngine } from '../src/main/pipeline/tts/espeak-cli-engine'
import type { SpeechRecord } from '../src/shared/speech'
import { round, startPipeline, until, type BenchResult, type Row } from './harness'

/**
 * Flood behaviour with real-time playback: 300 chats from 300 viewers in 3 s with a big gift in
 * the middle, with and without load shedding: backlog over time, drops, and how long the gift
 * waited, with what was spoken before it (the lines that made it wait).
 */
export async function run(): Promise<BenchResult> {
  const rows: Row[] = []
  const results: Record<string, unknown> = {}
  const install = await detectEspeakCli()
  // 5. Flood behaviour: backlog over time with and without load shedding (real-time playback).
  for (const shedding of [true, false]) {
    const { pipeline, source } = await startPipeline(
      {
        // Load shedding belongs to the plain priority queue (the planner merges instead; see busy).
        plan: { enabled: false },
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
    // What the gift waited for: lines that were playing when it arrived or started after it.
    const ahead = records.filter(
      (r) =>
        r !== gift &&
        !r.dropped &&
        gift?.startedAt !== undefined &&
        r.startedAt !== undefined &&
        r.startedAt < gift.startedAt &&
        (r.endedAt ?? Infinity) > gift.receivedAt
    )
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
      spokenBeforeGift: ahead.map((r) => ({ type: r.type, text: r.text, system: !!r.system })),
      series: series.filter((_, i) => i % 4 === 0)
    }
    rows.push([
      `flood, planner off, ${shedding ? 'with' : 'without'} shedding: max backlog`,
      maxBacklog,
      `lines; empty after ${round(drainedAt / 1000)} s; gift waited ${gift?.startedAt !== undefined ? gift.startedAt - gift.receivedAt : '–'} ms behind ${ahead.map((r) => (r.system ? 'alert' : r.type)).join(' + ') || 'nothing'}`
    ])
    await pipeline.stop(0)
    pipeline.dispose()
  }

  return { name: 'flood', rows, results }
}
