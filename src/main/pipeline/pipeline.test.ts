import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSettings, type SettingsInput } from '../../shared/settings'
import { busyRoom } from '../testing/busy-room'
import { waitFor } from '../testing/wait-for'
import { useCleanups } from '../testing/cleanups'
import { requireBuild, WORKER_DIR } from '../testing/paths'
import { startTestPipeline, type PipelineOverrides } from '../testing/test-pipeline'
import { EspeakWasmEngine } from './tts/espeak-wasm-engine'

requireBuild()

const defer = useCleanups()

// Background pre-warming would add syntheses these tests count; it has its own test.
const start = (settings: SettingsInput = {}, overrides: PipelineOverrides = {}) =>
  startTestPipeline(defer, { prewarm: { enabled: false }, ...settings }, overrides)

describe('Pipeline (real workers, real espeak-ng, real player process)', () => {
  it('a gift arriving behind 20 queued chats is spoken next', async () => {
    // Shedding off: 21 waiting lines would otherwise (rightly) trigger the spoken backlog alert first.
    const { pipeline, source, records, ready } = start({ shedding: { enabled: false } })
    await ready
    pipeline.pause()
    for (let i = 0; i < 20; i++) source.chat(`观众${i}`, `第${i}条弹幕`)
    await waitFor(() => pipeline.lines.size === 20, '20 chats queued')
    const gift = source.push({
      type: 'gift',
      user: { id: '1', nickname: '阿伟' },
      gift: { id: '10003', name: '玫瑰', count: 5 }
    })
    await waitFor(() => pipeline.lines.size === 21, 'gift queued')
    pipeline.resume()
    await waitFor(() => records.length >= 3, 'three lines spoken')
    expect(records[0]).toMatchObject({
      type: 'gift',
      eventId: gift.id,
      text: '感谢阿伟送的5个玫瑰',
      priority: 4
    })
    expect(records[0]!.dropped).toBeUndefined()
    expect(records[0]!.startedAt).toBeGreaterThanOrEqual(records[0]!.receivedAt)
    expect(records.slice(1, 3).map((r) => r.text)).toEqual([
      '观众0说：第0条弹幕',
      '观众1说：第1条弹幕'
    ])
  })

  it('chats that cannot start within their freshness deadline are dropped as stale', async () => {
    const { pipeline, source, records, ready } = start({ events: { chat: { freshnessSec: 1 } } })
    await ready
    pipeline.pause()
    const sent = [
      source.chat('小橘子', '主播好'),
      source.chat('阿伟', '来了'),
      source.chat('山河', '晚上好')
    ]
    await waitFor(() => records.length === 3, 'three stale drops', 5000)
    expect(records.map((r) => r.dropped)).toEqual(['stale', 'stale', 'stale'])
    expect(records.map((r) => r.eventId)).toEqual(sent.map((e) => e.id))
    expect(pipeline.status().drops.stale).toBe(3)
    pipeline.resume()
    const gift = source.push({
      type: 'gift',
      user: { id: '2', nickname: '星辰' },
      gift: { id: '1', name: '小心心', count: 1 }
    })
    await waitFor(() => records.length === 4, 'fresh gift spoken')
    expect(records[3]).toMatchObject({ eventId: gift.id })
    expect(records[3]!.dropped).toBeUndefined()
  })

  it('repeated text is a cache hit and is not synthesised again', async () => {
    const { pipeline, source, records, ready } = start({ antiSpam: { dedupeWindowSec: 0 } })
    await ready
    source.chat('小橘子', '主播好')
    await waitFor(() => records.length === 1, 'first line')
    source.chat('小橘子', '主播好')
    await waitFor(() => records.length === 2, 'second line')
    expect(records.map((r) => r.cache)).toEqual(['miss', 'hit'])
    expect(records.every((r) => r.dropped === undefined)).toBe(true)
    const status = pipeline.status()
    expect(status.tts.synthesized).toBe(1)
    expect(status.cache).toMatchObject({ misses: 1, hits: 1 })
  })

  it('a TTS worker killed mid-task: the process survives and the line is retried on a fresh thread and spoken', async () => {
    let engine: EspeakWasmEngine | undefined
    const { pipeline, source, records, ready } = start(
      {},
      {
        createEngine: async () => (engine = new EspeakWasmEngine(join(WORKER_DIR, 'tts.worker.js')))
      }
    )
    await ready
    source.chat('小橘子', '这一句会遇到线程崩溃')
    await waitFor(
      () => (engine?.executor.pool.threads.length ?? 0) > 0 && pipeline.tts.pool.gate.active > 0,
      'synthesis under way'
    )
    await Promise.all(engine!.executor.pool.threads.map((t) => t.terminate()))
    await waitFor(() => records.length === 1, 'line accounted for')
    const record = records[0]!
    // It really was killed mid-task: the pool saw the failure and retried on a fresh thread,
    // where the same text synthesises, so the line is spoken, not dropped.
    expect(pipeline.tts.pool.status().retried).toBe(1)
    expect(record.dropped).toBeUndefined()
    expect(record.eventId).toBeDefined()
    // The pool is still usable afterwards.
    source.chat('阿伟', '下一句照常')
    await waitFor(() => records.length === 2, 'next line')
    expect(records[1]!.dropped).toBeUndefined()
  })

  it('settings apply live: pool bounds follow, a type switched off stops speaking', async () => {
    const { pipeline, source, records, ready } = start()
    await ready
    const next = parseSettings({
      pools: { tts: { min: 3, max: 4 } },
      events: { chat: { enabled: false } }
    })
    if (!next.ok) throw new Error()
    pipeline.updateSettings(next.settings)
    expect(pipeline.status().pools.find((p) => p.name === 'tts')).toMatchObject({
      size: 3,
      min: 3,
      max: 4
    })
    const chat = source.chat('小橘子', '听不到我')
    source.push({ type: 'follow', user: { id: '3', nickname: '山河' } })
    await waitFor(() => records.length === 2, 'follow spoken')
    // The switched-off chat still ends in a record of its own, with its reason.
    expect(records[0]).toMatchObject({ eventIds: [chat.id], text: '', dropped: 'type-off' })
    expect(records[1]!.text).toBe('感谢山河的关注')
  })

  it('stopping while paused does not hang and does not drain into the speakers', async () => {
    const { pipeline, source, records, ready } = start({}, { audioPace: 'realtime' })
    await ready
    const playing = source.chat('小橘子', '这句话正在播放的时候暂停')
    // Handed to the player (synthesised): stopping now cuts a line that is playing, not one that
    // is still being synthesised (that one would end as `shutdown` instead).
    await waitFor(() => pipeline.player.busy, 'a line playing')
    pipeline.pause()
    const waiting = source.chat('阿伟', '排队中')
    await waitFor(() => pipeline.lines.size === 1, 'a line waiting')
    await pipeline.stop(10_000)
    // The waiting line is not spoken; the one playing ends at once.
    expect(records.map((r) => [r.eventIds, r.dropped])).toEqual(
      expect.arrayContaining([
        [[playing.id], 'skipped'],
        [[waiting.id], 'shutdown']
      ])
    )
    expect(records).toHaveLength(2)
  })

  it('stopping with lines queued speaks them all, then returns once the last one ends', async () => {
    const { pipeline, source, records, ready } = start({ plan: { enabled: false } })
    await ready
    pipeline.pause()
    const sent = [source.chat('小橘子', '主播好'), source.chat('阿伟', '来了')]
    await waitFor(() => pipeline.lines.size === 2, 'two lines waiting')
    pipeline.resume()
    // The drain deadline is far off: stop returns when the dispatcher reports it is idle, not at
    // the deadline (a missed wake-up would hang here until the guard below fails the test).
    let guard: NodeJS.Timeout | undefined
    await Promise.race([
      pipeline.stop(120_000),
      new Promise((_, reject) => {
        guard = setTimeout(() => reject(new Error('stop did not return after the drain')), 20_000)
      })
    ])
    clearTimeout(guard)
    expect(records.map((r) => [r.eventIds, r.dropped])).toEqual(
      sent.map((e) => [[e.id], undefined])
    )
    expect(pipeline.playback.busy).toBe(false)
  })

  it('clear drops what waits with the reason; status reports queues and lanes', async () => {
    const { pipeline, source, records, ready } = start()
    await ready
    pipeline.pause()
    for (let i = 0; i < 5; i++) source.chat(`观众${i}`, `排队中${i}`)
    source.push({ type: 'member', user: { id: '9', nickname: '快乐小狗' } })
    await waitFor(() => pipeline.lines.size === 6, 'queued')
    const status = pipeline.status()
    expect(status.queues.text.lanes).toEqual([
      { priority: 2, length: 5 },
      { priority: 1, length: 1 }
    ])
    expect(status.upNext[0]).toMatchObject({ type: 'chat' })
    pipeline.clear()
    expect(records.map((r) => r.dropped)).toEqual(Array(6).fill('cleared'))
    expect(pipeline.lines.size).toBe(0)
  })

  it('a replayed flood: every event ends in exactly one record, merged lines list all they cover', async () => {
    // A small chat cap keeps the test short: chats beyond it are dropped, with their reason.
    const { pipeline, source, records, ready } = start({
      queues: { messageCapacity: 400 },
      events: { chat: { cap: 8 } }
    })
    await ready
    // Paused, the flood piles up as it would behind a busy speaker; then it is planned.
    pipeline.pause()
    const room = busyRoom({ eventsPerSec: 100, durationSec: 10, seed: 3 })
    for (let i = 0; i < room.length; i += 100) {
      for (const event of room.slice(i, i + 100)) source.push(event)
      await new Promise((r) => setTimeout(r, 5))
    }
    await waitFor(
      () => pipeline.messages.size === 0 && pipeline.processing.inFlight === 0,
      'the flood processed'
    )
    pipeline.resume()
    await waitFor(() => pipeline.isDrained(), 'everything spoken or dropped', 60_000)
    const seen = new Map<string, number>()
    for (const r of records) for (const id of r.eventIds) seen.set(id, (seen.get(id) ?? 0) + 1)
    expect(seen.size).toBe(room.length)
    expect([...seen.values()].every((n) => n === 1)).toBe(true)
    const order = new Map(room.map((e, i) => [e.id, i]))
    for (const r of records) {
      expect(r.eventId).toBe(r.eventIds[0])
      const at = r.eventIds.map((id) => order.get(id)!)
      expect(at).toEqual([...at].sort((a, b) => a - b))
    }
    const merged = records.filter((r) => !r.dropped && r.eventIds.length > 1)
    expect(merged.length).toBeGreaterThan(0)
    expect(merged.map((r) => r.type)).toContain('gift')
    // Drops carry their reason (which ones depends on timing: queue full, anti-spam, over the cap).
    const reasons = new Set(records.map((r) => r.dropped).filter(Boolean))
    expect(reasons).toContain('over-cap')
    expect(pipeline.status().counts.received).toBe(room.length)
    const plan = pipeline.status().plan
    expect(plan.byType.gift?.merges).toBeGreaterThan(0)
    expect(plan.byType.gift?.acknowledged).toBeGreaterThan(0)
  })
})
