import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { LiveEvent } from '../src/shared/events'
import { round, startPipeline, until, type BenchResult, type Row } from './harness'

/**
 * In-process ingest: listener → message queue → processing (in-thread budget + pool) → anti-spam
 * policy, speech off. A flood of unique chats from unique viewers arrives in socket-sized bursts
 * of 1,000 as fast as the pipeline takes them; the figure is events/s until the last one is
 * processed, with the main thread's event-loop lag (p99) meanwhile. Events are built before the
 * clock starts, so the source's own cost is not counted (the decode benchmark measures that).
 */
export async function run(): Promise<BenchResult> {
  const rows: Row[] = []
  const results: Record<string, unknown> = {}
  for (const total of [5_000, 500_000]) {
    const events: LiveEvent[] = Array.from({ length: total }, (_, i) => ({
      type: 'chat',
      id: String(7_300_000_000_000_000_000n + BigInt(i)),
      ts: 0,
      user: { id: String(3_800_000_000_000_000 + i), nickname: `观众${i}` },
      content: `第${i}条弹幕哈哈哈哈哈[比心]`
    }))
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
    const eps = Math.round(total / seconds)
    const p99 = round(lag.percentile(99) / 1e6, 1)
    const key = total === 5_000 ? 'ingest5k' : 'ingest500k'
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
      poolTasks: pipeline.processing.pool.status().completed
    }
    const label = total === 5_000 ? '5k' : '500k'
    rows.push([
      `ingest, ${label} events queued`,
      eps,
      `events/s; main-thread lag p99 ${p99} ms; CPU ${round((cpu.user + cpu.system) / total, 1)} µs/event (main thread ${round((mainMs * 1000) / total, 1)})`
    ])
    await pipeline.stop(0)
    pipeline.dispose()
  }
  return { name: 'ingest', rows, results }
}

/** CPU time of the main thread so far (Linux: /proc/self/task/<pid>/stat; NaN elsewhere). */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return NaN
  }
}
