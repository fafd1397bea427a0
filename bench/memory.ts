import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { alsaCaptureConfig, HEADLESS, tempDir } from '../src/main/testing/paths'
import { round, type BenchResult, type Row } from './harness'
import { descendants } from './tree-rss'
import type { PipelineStatus } from '../src/shared/status'

/**
 * Memory of the shipped headless app (out/main/headless.js) and everything it starts (the player
 * process, espeak-ng), speaker output into an ALSA capture device, default settings. Two sums are
 * given: RSS added up over the processes (what the issue counts; it counts the node binary's
 * ~40 MB of shared code pages once per process), and the footprint: each process's private pages
 * plus the largest shared set once.
 */
interface Sample {
  rss: number
  /** RSS of the app's own process (the rest is the player, espeak-ng…). */
  mainRss: number
  footprint: number
  processes: number
}

function smaps(pid: number): { rss: number; priv: number; shared: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0)
    return {
      rss: kb('Rss') / 1024,
      priv: (kb('Private_Clean') + kb('Private_Dirty')) / 1024,
      shared: (kb('Shared_Clean') + kb('Shared_Dirty')) / 1024
    }
  } catch {
    return undefined
  }
}

function sampleTree(root: number): Sample {
  const all = [root, ...descendants(root)].map(smaps).filter((s) => s !== undefined)
  return {
    rss: all.reduce((n, s) => n + s.rss, 0),
    mainRss: smaps(root)?.rss ?? 0,
    footprint: all.reduce((n, s) => n + s.priv, 0) + Math.max(0, ...all.map((s) => s.shared)),
    processes: all.length
  }
}

function chats(file: string, count: number, spacingMs: number): void {
  const lines: string[] = []
  for (let i = 0; i < count; i++)
    lines.push(
      JSON.stringify({
        type: 'chat',
        id: String(7_300_000_000_000_000_000n + BigInt(i)),
        ts: 1_800_000_000_000 + Math.floor(i * spacingMs),
        user: { id: String(3_800_000_000_000_000 + i), nickname: `观众${i}` },
        content: `第${i}条弹幕，主播好[比心]`
      })
    )
  writeFileSync(file, lines.join('\n') + '\n')
}

/**
 * Runs headless on a replay, sampling the tree every `everyMs` until it exits. Fails when the
 * replay failed or delivered fewer than `expectEvents`: a run whose source died measures an idle
 * app, not the load (c354ed7's replay died on a sleep race at 400 events/s and looked "flat").
 */
async function runHeadless(
  args: string[],
  env: NodeJS.ProcessEnv,
  /** Sampling interval, ms; may depend on the time since the start. */
  everyMs: number | ((atMs: number) => number),
  onSample: (s: Sample, atMs: number) => void,
  statsFile: string,
  expectEvents = 0
): Promise<void> {
  const child = spawn(process.execPath, [HEADLESS, '--quiet', ...args, '--stats-out', statsFile], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const t0 = Date.now()
  const interval = typeof everyMs === 'number' ? () => everyMs : everyMs
  let timer: NodeJS.Timeout
  const sample = () => {
    const s = sampleTree(child.pid!)
    if (s.processes > 0) onSample(s, Date.now() - t0) // not a tree that has already exited
    timer = setTimeout(sample, interval(Date.now() - t0))
  }
  timer = setTimeout(sample, interval(0))
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`headless exited with ${code}`))
    )
  })
  clearTimeout(timer)
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as PipelineStatus
  if (stats.source.state === 'failed' || stats.source.received < expectEvents)
    throw new Error(
      `replay delivered ${stats.source.received} of ${expectEvents} events (state ${stats.source.state}: ${stats.source.detail ?? ''}); memory figures would not be of the load`
    )
}

export async function run(options: { soakMinutes?: number } = {}): Promise<BenchResult> {
  const scratch = tempDir()
  const { env } = alsaCaptureConfig(scratch.dir)
  const rows: Row[] = []
  const results: Record<string, unknown> = {}
  try {
    // Idle: connected to a source with nothing to say. The player process starts once to check the
    // audio device (before the app's modules load, see probe-before-load.ts), then is parked until
    // a line comes. Sampled every 10 ms for the first 3 s, so that its short life (~0.1 s) shows in
    // the highest sample: at 100 ms a run caught it or missed it.
    const empty = join(scratch.dir, 'empty.jsonl')
    writeFileSync(empty, '')
    let idlePeak: Sample = { rss: 0, mainRss: 0, footprint: 0, processes: 0 }
    const idle: Sample[] = []
    await runHeadless(
      ['--source', `replay:${empty}`, '--duration', '30'],
      env,
      (at) => (at < 3000 ? 10 : 100),
      (s, at) => {
        if (s.rss > idlePeak.rss) idlePeak = s
        if (at > 25_000) idle.push(s)
      },
      join(scratch.dir, 'idle-stats.json')
    )
    const last = idle.at(-1)!
    results.memoryIdle = {
      rssMb: round(last.rss),
      footprintMb: round(last.footprint),
      processes: last.processes,
      peakRssMb: round(idlePeak.rss),
      peakMainRssMb: round(idlePeak.mainRss),
      peakFootprintMb: round(idlePeak.footprint),
      peakProcesses: idlePeak.processes
    }
    rows.push([
      'memory idle (after 25 s)',
      `${round(last.rss)} MB`,
      `RSS summed over ${last.processes} process(es); footprint ${round(last.footprint)} MB`
    ])
    rows.push([
      'memory idle, highest sample (from start)',
      `${round(idlePeak.rss)} MB`,
      `RSS summed over ${idlePeak.processes} process(es) (the player's start-up check included); main ${round(idlePeak.mainRss)} MB, footprint ${round(idlePeak.footprint)} MB`
    ])

    // Peak under a flood: 200,000 chats from 200,000 viewers as fast as they can be read.
    const flood = join(scratch.dir, 'flood.jsonl')
    chats(flood, 200_000, 1)
    let peak: Sample = { rss: 0, mainRss: 0, footprint: 0, processes: 0 }
    await runHeadless(
      ['--source', `replay:${flood}`, '--speed', 'max', '--duration', '25'],
      env,
      100,
      (s) => {
        if (s.rss > peak.rss) peak = s
      },
      join(scratch.dir, 'flood-stats.json')
    )
    results.memoryFloodPeak = {
      events: 200_000,
      rssMb: round(peak.rss),
      mainRssMb: round(peak.mainRss),
      footprintMb: round(peak.footprint)
    }
    rows.push([
      'memory peak, 200k-chat flood',
      `${round(peak.rss)} MB`,
      `RSS summed; main ${round(peak.mainRss)} MB, footprint ${round(peak.footprint)} MB`
    ])

    // Real time at 400 events/s: is memory flat? (npm run soak: 30 minutes.)
    const minutes = options.soakMinutes ?? 1.5
    const steady = join(scratch.dir, 'steady.jsonl')
    chats(steady, Math.round(minutes * 60 * 400), 2.5)
    const series: { atMs: number; rss: number; mainRss: number }[] = []
    await runHeadless(
      ['--source', `replay:${steady}`, '--duration', String(Math.round(minutes * 60))],
      env,
      1000,
      (s, atMs) => series.push({ atMs, rss: round(s.rss), mainRss: round(s.mainRss) }),
      join(scratch.dir, 'steady-stats.json'),
      // all but the last second's events (the duration cut-off may land just before them)
      Math.round((minutes * 60 - 1) * 400)
    )
    // Compare the second quarter with the last (the first is start-up and warm-up).
    const window = (from: number, to: number, key: 'rss' | 'mainRss' = 'rss') => {
      const xs = series.slice(Math.floor(series.length * from), Math.floor(series.length * to))
      return xs.reduce((n, p) => n + p[key], 0) / Math.max(1, xs.length)
    }
    const early = window(0.25, 0.5)
    const late = window(0.75, 1)
    const [mainEarly, mainLate] = [window(0.25, 0.5, 'mainRss'), window(0.75, 1, 'mainRss')]
    results.memorySteady400 = {
      minutes,
      earlyRssMb: round(early),
      lateRssMb: round(late),
      mainEarlyRssMb: round(mainEarly),
      mainLateRssMb: round(mainLate),
      driftMbPerMin: round((late - early) / (minutes / 2), 2),
      series: series.filter((_, i) => i % 5 === 0)
    }
    rows.push([
      `memory at 400 events/s, ${minutes} min`,
      `${round(early)} → ${round(late)} MB`,
      `RSS summed, 2nd quarter → last quarter (${round((late - early) / (minutes / 2), 2)} MB/min); main ${round(mainEarly)} → ${round(mainLate)} MB`
    ])
  } finally {
    scratch.cleanup()
  }
  return { name: 'memory', rows, results }
}
