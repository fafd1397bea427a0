import { monitorEventLoopDelay } from 'node:perf_hooks'
import { readProcStat } from '../src/main/testing/proc-stat'
import type { LiveEvent } from '../src/shared/events'
import { round, startPipeline, until, type BenchResult, type Row } from './harness'

/**
 * In-process ingest: listener → message queue → processing (in-thread budget + pool) → anti-spam
 * policy, speech off. A flood of unique chats from unique viewers arrives in socket-sized bursts
 * of 1,000 as fast as the pipeline takes them; the figure is events/s until the last one is
 * processed, with the main thread's event-loop lag (p99) meanwhile. Events are built before the
 * clock starts, so the source's own cost is not counted (the decode benchmark measures that).
 *
 * A flood comes mid-stream, when V8 has long compiled the hot path, so the 5k and 500k figures are
 * taken after a warm-up flood of WARM_UP events through a pipeline of their own (each case still
 * gets a fresh pipeline: empty queues and anti-spam windows). The cold case, the very first burst
 * of 5k after the process started, is measured first and reported on its own row.
 */
const WARM_UP = 20_000

type Case = { key: string; label: string; total: number; report: boolean }

export async function run(): Promise<BenchResult> {
  const rows: Row[] = []
  const results: Record<string, unknown> = {}
  const cases: Case[] = [
    {
      key: 'ingest5kCold',
      label: '5k events queued, first burst after start',
      total: 5_000,
      report: true
    },
    { key: 'warmUp', label: 'warm-up', total: WARM_UP, report: false },
    { key: 'ingest5k', label: '5k events queued', total: 5_000, report: true },
    { key: 'ingest500k', label: '500k events queued', total: 500_000, report: true }
  ]
  let idBase = 0
  for (const { key, label, total, report } of cases) {
    const from = idBase
    idBase += total
    const events: LiveEvent[] = Array.from({ length: total }, (_, k) => {
      const i = from + k
      return {
        type: 'chat',
        id: String(7_300_000_000_000_000_000n + BigInt(i)),
        ts: 0,
        user: { id: String(3_800_000_000_000_000 + i), nickname: `观众${i}` },
        content: `第${i}条弹幕哈哈哈哈哈[比心]`
      }
    })
    const { pipeline, source } = await startPipeline(
      { queues: { messageCapacity: 1_000_000 } },
      { speech: false }
    )
    let maxQueued = 0
    const lag = monitorEventLoopDelay({ resolution: 1 })
    lag.enable()
    const cpu0 = process.cpuUsage()
    const main0 = mainThreadCpuMs()
    const start = performance.now()
    for (let sent = 0; sent < total;) {
      for (let i = 0; i < 1000 && sent < total; i++) source.push(events[sent++]!)
      maxQueued = Math.max(maxQueued, pipeline.messages.size)
      await new Promise((r) => setImmediate(r))
    }
    await until(() => pipeline.processing.processed >= total, 600_000)
    const seconds = (performance.now() - start) / 1000
    const cpu = process.cpuUsage(cpu0)
    const mainMs = mainThreadCpuMs() - main0
    lag.disable()
    await pipeline.stop(0)
    pipeline.dispose()
    if (!report) continue
    const eps = Math.round(total / seconds)
    const p99 = round(lag.percentile(99) / 1e6, 1)
    results[key] = {
      events: total,
      eventsPerSec: eps,
      maxQueued,
      lagP99Ms: p99,
      lagMaxMs: round(lag.max / 1e6, 1),
      // CPU per event varies far less with a busy machine than events/s does.
      cpuUsPerEvent: round((cpu.user + cpu.system) / total, 2),
      mainThreadCpuUsPerEvent: Number.isNaN(mainMs) ? undefined : round((mainMs * 1000) / total, 2),
      inThread: pipeline.processing.processedInThread,
      poolTasks: pipeline.processing.pool.status().completed,
      ...(key === 'ingest5kCold' ? {} : { afterWarmUpEvents: WARM_UP })
    }
    rows.push([
      `ingest, ${label}`,
      eps,
      `events/s; main-thread lag p99 ${p99} ms; CPU ${round((cpu.user + cpu.system) / total, 1)} µs/event (main thread ${round((mainMs * 1000) / total, 1)})`
    ])
  }
  return { name: 'ingest', rows, results }
}

/** CPU time of the main thread so far (Linux: /proc/self/task/<pid>/stat; NaN elsewhere). */
function mainThreadCpuMs(): number {
  const stat = readProcStat(`/proc/self/task/${process.pid}/stat`)
  // utime and stime, in clock ticks (100 per second on Linux).
  return stat ? (stat.field(14) + stat.field(15)) * 10 : NaN
}
