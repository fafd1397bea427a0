import { fork } from 'node:child_process'
import { EVENT_TYPES, type EventType } from '../src/shared/events'
import type { SettingsInput } from '../src/shared/settings'
import type { SpeechRecord } from '../src/shared/speech'
import { busyRoom } from '../src/main/testing/busy-room'
import { readProcStat } from '../src/main/testing/proc-stat'
import { pct, round, startPipeline, type BenchResult, type Row } from './harness'
import { treeRss } from './tree-rss'

/**
 * `npm run bench -- busy`: the busy-room benchmark of the speech planner. A generated room (2%
 * gifts, 2% follows, a few big gifts; testing/busy-room.ts) is replayed in real time for 60 s at
 * 20, 100 and 300 events/s through the whole pipeline: real processing, real espeak-ng synthesis,
 * the real player process playing into the null sink at the audio's own pace, so each line takes
 * as long as it would on a speaker. Each rate runs three ways side by side, in one run, each in
 * its own process: the planner (default settings), the planner switched off (the priority queue),
 * and a first-in-first-out reader of every event, as common tools work.
 */

const SECONDS = 60
/** Events that arrive in the last seconds still get this long to be acknowledged. */
const TAIL_SECONDS = 30
const WITHIN_MS = 30_000
const BIG_DIAMONDS = 1000
const RATES = [20, 100, 300] as const
const MODES = ['planner', 'planner off', 'FIFO reader'] as const
type Mode = (typeof MODES)[number]

/** Every type a viewer sends (not the room's stats or its end). */
const ALL_TYPES = EVENT_TYPES.filter((type) => type !== 'stats' && type !== 'end')

function settingsFor(mode: Mode): SettingsInput {
  if (mode === 'planner') return {}
  if (mode === 'planner off') return { plan: { enabled: false } }
  // Every event read in arrival order: one lane, nothing capped, dropped or skipped as stale.
  const events = Object.fromEntries(
    ALL_TYPES.map((t) => [t, { priority: 1, cap: 10_000, freshnessSec: 3600 }])
  )
  return {
    plan: { enabled: false },
    shedding: { enabled: false },
    antiSpam: { perUserLimit: 0, dedupeWindowSec: 0 },
    queues: { textCapacity: 100_000 },
    events
  }
}

/** CPU seconds of this process and of its reaped children (espeak-ng, the player), from /proc. */
function cpuSeconds(): number {
  const stat = readProcStat('/proc/self/stat')!
  // utime, stime, cutime, cstime, in clock ticks (100 per second on Linux).
  return [14, 15, 16, 17].reduce((n, i) => n + stat.field(i), 0) / 100
}

interface TypeResult {
  events: number
  coverage: number
  p50?: number
  p95?: number
}

export interface OneResult {
  rate: number
  mode: Mode
  events: number
  byType: Partial<Record<EventType, TypeResult>>
  big: { events: number; ownLine: number; p50?: number; max?: number }
  chats: { spoken: number; ageP50?: number; ageP95?: number }
  lines: number
  cpuPer1000: number
  peakRssMb: number
}

/** One rate, one mode, in this process. */
export async function one(rate: number, mode: Mode): Promise<OneResult> {
  const { pipeline, source } = await startPipeline(settingsFor(mode), {
    audio: { kind: 'null' },
    audioPace: 'realtime',
    drainMs: 0
  })
  const room = busyRoom({ eventsPerSec: rate, durationSec: SECONDS, seed: 7 })
  const received = new Map<string, { type: EventType; at: number; big: boolean }>()
  pipeline.onEvent(({ event, receivedAt }) =>
    received.set(event.id, {
      type: event.type,
      at: receivedAt,
      big: (event.gift?.diamonds ?? 0) * (event.gift?.count ?? 0) >= BIG_DIAMONDS
    })
  )
  const records: SpeechRecord[] = []
  pipeline.onSpeech((r) => records.push(r))
  let peakRss = 0
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss().total)), 500)
  const cpu0 = cpuSeconds()
  const t0 = Date.now()
  const first = room[0]!.ts
  let next = 0
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Date.now() - t0
      while (next < room.length && room[next]!.ts - first <= due) {
        const { type, id, user, content, gift, count } = room[next++]!
        source.push({ type, id, user, content, gift, count, ts: Date.now() })
      }
      if (next < room.length) setTimeout(tick, 20)
      else resolve()
    }
    tick()
  })
  await new Promise((r) => setTimeout(r, TAIL_SECONDS * 1000))
  await pipeline.stop(0)
  pipeline.dispose()
  clearInterval(sampler)
  const cpu = cpuSeconds() - cpu0

  const ack = new Map<string, { at: number; own: boolean }>()
  let lines = 0
  for (const r of records) {
    if (r.dropped || r.startedAt === undefined || r.system) continue
    lines++
    for (const id of r.eventIds) ack.set(id, { at: r.startedAt, own: r.eventIds.length === 1 })
  }
  const byType: OneResult['byType'] = {}
  for (const type of ALL_TYPES) {
    const events = [...received].filter(([, e]) => e.type === type)
    if (events.length === 0) continue
    const lags = events.flatMap(([id, e]) => {
      const a = ack.get(id)
      return a ? [a.at - e.at] : []
    })
    byType[type] = {
      events: events.length,
      coverage: round(lags.filter((l) => l <= WITHIN_MS).length / events.length, 3),
      ...(lags.length > 0 ? { p50: pct(lags, 0.5), p95: pct(lags, 0.95) } : {})
    }
  }
  const bigs = [...received].filter(([, e]) => e.big)
  const bigLags = bigs.flatMap(([id, e]) => (ack.has(id) ? [ack.get(id)!.at - e.at] : []))
  const chatAges = [...received]
    .filter(([id, e]) => e.type === 'chat' && ack.has(id))
    .map(([id, e]) => ack.get(id)!.at - e.at)
  return {
    rate,
    mode,
    events: received.size,
    byType,
    big: {
      events: bigs.length,
      ownLine: bigs.filter(([id]) => ack.get(id)?.own).length,
      ...(bigLags.length > 0 ? { p50: pct(bigLags, 0.5), max: Math.max(...bigLags) } : {})
    },
    chats: {
      spoken: chatAges.length,
      ...(chatAges.length > 0 ? { ageP50: pct(chatAges, 0.5), ageP95: pct(chatAges, 0.95) } : {})
    },
    lines,
    cpuPer1000: round((cpu / Math.max(1, received.size)) * 1000, 3),
    peakRssMb: Math.round(peakRss)
  }
}

/** Runs `one` in a fresh process (the benchmark bundle, with --busy-one). */
function inChild(rate: number, mode: Mode): Promise<OneResult> {
  return new Promise((resolve, reject) => {
    const p = fork(process.argv[1]!, ['--busy-one', String(rate), mode])
    let result: OneResult | undefined
    p.on('message', (m) => (result = m as OneResult))
    p.on('error', reject)
    p.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`busy ${rate}/s ${mode} exited with ${code}`))
    )
  })
}

/** The child side of `inChild`. */
export async function childMain(rate: number, mode: string): Promise<void> {
  const result = await one(rate, mode as Mode)
  process.send!(result, () => process.exit(0))
}

const sec = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(1))
const percent = (x: number | undefined) => (x === undefined ? '–' : `${Math.round(x * 100)}%`)

export async function run(): Promise<BenchResult> {
  const rows: Row[] = []
  const results: Record<string, unknown> = {}
  for (const rate of RATES) {
    // The three ways run side by side: the same room, the same moments, one process each.
    const runs = await Promise.all(MODES.map((mode) => inChild(rate, mode)))
    results[`busy${rate}`] = runs
    const row = (what: string, f: (r: OneResult) => string, note = '') =>
      rows.push([`busy ${rate}/s ${what}`, runs.map(f).join(' | '), note || MODES.join(' | ')])
    for (const type of ['gift', 'follow', 'fansclub', 'share', 'member'] as EventType[]) {
      row(`${type} ack p50/p95 s`, (r) => `${sec(r.byType[type]?.p50)}/${sec(r.byType[type]?.p95)}`)
      row(`${type} within 30 s`, (r) => percent(r.byType[type]?.coverage))
    }
    row('big gifts: max s, own line', (r) => `${sec(r.big.max)}, ${r.big.ownLine}/${r.big.events}`)
    row('chats spoken, age p95 s', (r) => `${r.chats.spoken}, ${sec(r.chats.ageP95)}`)
    row('lines spoken', (r) => String(r.lines))
    row('CPU s per 1,000 events', (r) => String(r.cpuPer1000))
    row('peak RSS of the tree, MB', (r) => String(r.peakRssMb))
  }
  return { name: 'busy', rows, results }
}
