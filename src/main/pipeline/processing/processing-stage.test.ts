import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../../shared/events'
import { parseSettings, type Settings, type SettingsInput } from '../../../shared/settings'
import type { SpeechDraft } from '../../../shared/speech'
import { processEvent } from '../../../workers/processing/process-event'
import { PROCESSING_NICENESS } from '../../../workers/thread-priority'
import { requireBuild, WORKER_DIR } from '../../testing/paths'
import { readProcStat } from '../../testing/proc-stat'
import { waitFor } from '../../testing/wait-for'
import { MessageQueue } from '../queues/message-queue'
import { ProcessingStage } from './processing-stage'

function parsed(input: SettingsInput = {}): Settings {
  const r = parseSettings(input)
  if (!r.ok) throw new Error(r.errors.join('; '))
  return r.settings
}

let settings: Settings
beforeAll(() => {
  requireBuild()
  settings = parsed()
})

const stages: ProcessingStage[] = []
afterEach(async () => {
  for (const stage of stages.splice(0)) {
    await stage.stop(Date.now() + 2000)
    stage.dispose()
  }
})

function stage(
  inlineMsPerSecond?: number,
  config = settings,
  workerFile = join(WORKER_DIR, 'processing.worker.js')
) {
  const queue = new MessageQueue(100_000, (type) => config.events[type].priority)
  const logs: string[] = []
  const s = new ProcessingStage(queue, () => config, workerFile, {
    shedLevel: () => 0,
    log: (_level, message) => logs.push(message),
    inlineMsPerSecond
  })
  stages.push(s)
  // Every event ends in exactly one outcome: a draft or a drop.
  const outcomes: string[] = []
  s.onDraft((d) => outcomes.push(d.eventId))
  s.onDrop((d) => outcomes.push(d.eventId))
  return { queue, stage: s, outcomes, logs }
}

/** Chats from many viewers; every tenth has nothing speakable (dropped as `empty`). */
function chats(n: number, from = 0): LiveEvent[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k
    return {
      type: 'chat',
      id: String(7_300_000_000_000_000_000n + BigInt(i)),
      ts: 0,
      user: { id: String(3_800_000_000_000_000 + i), nickname: `观众${i}` },
      content: i % 10 === 0 ? '[比心]' : `第${i}条弹幕`
    }
  })
}

describe('ProcessingStage', () => {
  it('a pool thread that answers without results loses nothing: retried, then each event dropped and said', async () => {
    const worker = join(__dirname, 'testing', 'no-results-worker.js')
    const { queue, stage: s, logs } = stage(0, settings, worker)
    const drops: string[] = []
    s.onDrop((d) => drops.push(`${d.eventId} ${d.reason}`))
    await s.start()
    const events = chats(100)
    for (const e of events) queue.push(e, 0)
    await waitFor(() => drops.length >= events.length, 'a drop for every event')
    expect(drops).toEqual(events.map((e) => `${e.id} processing-failed`))
    const said =
      /^processing failed twice; \d+ event\(s\) not spoken: the processing thread sent back no results$/
    expect(logs.some((l) => said.test(l))).toBe(true)
    // The task view names the reason by its code: each batch retried once, then failed.
    const ended = s.pool.tasks.recent(100).map((t) => `${t.state} ${t.reason}`)
    expect(new Set(ended)).toEqual(new Set(['retried protocol', 'failed protocol']))
  })

  it('in the pool, threads killed while starting and mid-batch lose nothing: one outcome per event, in order', async () => {
    const { queue, stage: s, outcomes } = stage(0)
    await s.start()
    const events = chats(20_000)
    for (const e of events) queue.push(e, 0)
    // First while the thread is still starting (piscina would then never start another)…
    await waitFor(
      () => (s.executor?.pool.threads.length ?? 0) > 0 && s.pool.status().active > 0,
      'a pool batch handed to a thread'
    )
    await Promise.all(s.executor!.pool.threads.map((t) => t.terminate()))
    // …then once threads are working through the backlog.
    await waitFor(() => outcomes.length > 0, 'the first batch committed')
    await Promise.all(s.executor!.pool.threads.map((t) => t.terminate()))
    await waitFor(() => outcomes.length >= events.length, 'an outcome for every event', 60_000)
    expect(outcomes).toEqual(events.map((e) => e.id))
    expect(s.processedInThread).toBe(0)
    expect(s.pool.status().failed).toBe(0)
  }, 90_000)

  it('mixing in-thread runs and pool batches keeps arrival order', async () => {
    const { queue, stage: s, outcomes } = stage()
    await s.start()
    const events = chats(20_000)
    // One burst larger than a run's slice: part goes in-thread, the rest may go to the pool.
    for (const e of events.slice(0, 200)) queue.push(e, 0)
    await waitFor(() => outcomes.length >= 200, 'the first burst')
    for (const e of events.slice(200)) queue.push(e, 0)
    await waitFor(() => outcomes.length >= events.length, 'an outcome for every event', 60_000)
    expect(outcomes).toEqual(events.map((e) => e.id))
    expect(s.processedInThread).toBeGreaterThan(0)
  })

  it('a pool thread sends back only the words; the drafts built from them are the in-thread ones', async () => {
    const config = parsed({
      filter: { allowedUsers: ['u2'], blockedWords: ['坏词'] },
      users: { u1: { readAs: '橘子', voice: 'zh+f2' } },
      // Lines without names: a name with a blocked word is then only left out of `who`.
      speech: { readNames: false }
    })
    const user = (i: number) => ({ id: `u${i % 4}`, nickname: i % 4 === 3 ? '坏词哥' : `观众${i}` })
    const events: LiveEvent[] = Array.from({ length: 400 }, (_, i): LiveEvent => {
      const base = { id: String(7_300_000_000_000_000_000n + BigInt(i)), ts: 0, user: user(i) }
      switch (i % 5) {
        case 0:
          return { ...base, type: 'chat', content: i % 10 === 0 ? '[比心]' : `第${i}条 666666` }
        case 1:
          return { ...base, type: 'gift', gift: { id: '1', name: '玫瑰', count: i, diamonds: 10 } }
        case 2:
          return { ...base, type: 'chat', content: `说个坏词${i}` }
        case 3:
          return { ...base, type: 'member' }
        default:
          return { ...base, type: 'like', count: 3, total: 1_000 + i }
      }
    })
    const { queue, stage: s } = stage(0, config)
    const drafts: SpeechDraft[] = []
    const drops: string[] = []
    s.onDraft((d) => drafts.push(d))
    s.onDrop((d) => drops.push(`${d.eventId} ${d.type} ${d.reason} ${d.receivedAt}`))
    await s.start()
    for (const e of events) queue.push(e, 42)
    await waitFor(() => drafts.length + drops.length >= events.length, 'every event processed')
    expect(s.processedInThread).toBe(0)
    const inThread = events.map((event) =>
      processEvent({ event, receivedAt: 42 }, { ...config, shedLevel: 0 })
    )
    expect(drafts).toEqual(inThread.flatMap((o) => (o.ok ? [o.draft] : [])))
    expect(drops).toEqual(
      inThread.flatMap((o) => (o.ok ? [] : [`${o.eventId} ${o.type} ${o.reason} 42`]))
    )
    // Every kind of outcome took part: big gifts, allow-listed, read-as voices, refused names.
    expect(drafts.some((d) => d.big)).toBe(true)
    expect(drafts.some((d) => d.allowed)).toBe(true)
    expect(drafts.some((d) => d.voice === 'zh+f2' && d.who === '橘子')).toBe(true)
    expect(drafts.some((d) => d.userId === 'u3' && d.who === undefined)).toBe(true)
    expect(new Set(drops.map((d) => d.split(' ')[2]))).toEqual(new Set(['empty', 'blocked-word']))
  })

  it.runIf(process.platform === 'linux')(
    'in the pool, batches run on threads that yield the CPU to the main thread (Linux)',
    async () => {
      const niced = () => [...niceness().values()].filter((n) => n === PROCESSING_NICENESS).length
      const mainBefore = niceness().get(process.pid)
      const before = niced()
      const { queue, stage: s } = stage(0)
      await s.start()
      for (const e of chats(20_000)) queue.push(e, 0)
      // Sampled while the batches run (an idle pool lets its threads go).
      await waitFor(() => niced() > before, 'a processing thread at lower priority')
      expect(niceness().get(process.pid)).toBe(mainBefore)
    }
  )
})

/** The niceness of each thread of this process, by thread id (Linux: /proc/self/task). */
function niceness(): Map<number, number> {
  const out = new Map<number, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    // Undefined: the thread ended between the listing and the read.
    const stat = readProcStat(`/proc/self/task/${tid}/stat`)
    if (stat) out.set(Number(tid), stat.field(19))
  }
  return out
}
