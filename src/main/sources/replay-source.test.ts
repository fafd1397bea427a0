import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LiveEvent } from '../../shared/events'
import { ASSETS_DIR, tempDir } from '../testing/paths'
import { createDemoSource } from './demo-source'
import { createReplaySource } from './replay-source'
import { SourceError, type LiveSource } from './source'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

async function collect(source: LiveSource, abortAfter?: number) {
  const events: { event: LiveEvent; at: number }[] = []
  const logs: string[] = []
  const abort = new AbortController()
  await source.run({
    signal: abort.signal,
    log: (_l, m) => logs.push(m),
    emit: (event) => {
      events.push({ event, at: performance.now() })
      if (abortAfter !== undefined && events.length >= abortAfter) abort.abort()
    }
  })
  return { events, logs }
}

function file(lines: unknown[]): string {
  const t = tempDir()
  cleanups.push(t.cleanup)
  const path = join(t.dir, 'session.jsonl')
  writeFileSync(
    path,
    lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n'
  )
  return path
}

const ev = (id: string, ts: number): LiveEvent => ({
  type: 'chat',
  id,
  ts,
  user: { id: '1', nickname: 'a' },
  content: 'x'
})

describe('replay source', () => {
  it('keeps the recorded spacing divided by --speed, and the original timestamps', async () => {
    const path = file([ev('1', 1_000), ev('2', 2_000), ev('3', 2_500)])
    const { events } = await collect(createReplaySource(path, { speed: 10, assetsDir: '' }))
    expect(events.map((e) => e.event.ts)).toEqual([1_000, 2_000, 2_500])
    // Never early: at speed 10 the events are due 100 ms and 150 ms after the first.
    expect(events[1]!.at - events[0]!.at).toBeGreaterThanOrEqual(98)
    expect(events[2]!.at - events[0]!.at).toBeGreaterThanOrEqual(148)
  })

  it('does not drift: time spent per event is taken from the next wait, not added to it', async () => {
    // 200 events 5 ms apart; handling each one costs 1 ms (a fake clock makes that exact).
    const path = file(Array.from({ length: 200 }, (_, i) => ev(String(i), 10_000 + i * 5)))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const start = Date.now()
      const at: number[] = []
      let done = false
      const run = createReplaySource(path, { speed: 1, assetsDir: '' })
        .run({
          signal: new AbortController().signal,
          log: () => {},
          emit: () => {
            at.push(Date.now() - start)
            vi.advanceTimersByTime(1)
          }
        })
        .then(() => (done = true))
      while (!done) {
        await vi.advanceTimersToNextTimerAsync()
        await new Promise((r) => setImmediate(r))
      }
      await run
      expect(at).toHaveLength(200)
      // Each event is due at i × 5 ms; it is never early, and never more than its 1 ms cost late
      // (gap-by-gap waiting would make the last one 199 ms late).
      at.forEach((t, i) => expect(t - i * 5, `event ${i}`).toBeGreaterThanOrEqual(0))
      at.forEach((t, i) => expect(t - i * 5, `event ${i}`).toBeLessThanOrEqual(1))
    } finally {
      vi.useRealTimers()
    }
  })

  it('stops promptly when aborted and reports its state', async () => {
    const path = file([ev('1', 0), ev('2', 60_000)])
    const source = createReplaySource(path, { speed: 1, assetsDir: '' })
    const { events } = await collect(source, 1)
    expect(events).toHaveLength(1)
    expect(source.status()).toMatchObject({ kind: 'replay', decodeErrors: 0 })
  })

  it('skips bad lines with their line number and counts them', async () => {
    const path = file([ev('1', 0), '{"type":"chat"', '', ev('2', 0)])
    const source = createReplaySource(path, { speed: Infinity, assetsDir: '' })
    const { events, logs } = await collect(source)
    expect(events.map((e) => e.event.id)).toEqual(['1', '2'])
    expect(logs).toEqual([expect.stringMatching(/session\.jsonl:2: skipped a bad line: not JSON/)])
    expect(source.status()).toMatchObject({ state: 'ended', decodeErrors: 1 })
  })

  it('a file of garbage: every bad line counted, only the first ten logged, then one summary', async () => {
    const garbage = Array.from({ length: 5000 }, (_, i) => `\u001b[31m\u0007${i}\u0000{{`)
    const path = file([ev('1', 0), ...garbage, ev('2', 0)])
    const source = createReplaySource(path, { speed: Infinity, assetsDir: '' })
    const { events, logs } = await collect(source)
    expect(events.map((e) => e.event.id)).toEqual(['1', '2'])
    expect(source.status()).toMatchObject({ state: 'ended', decodeErrors: 5000 })
    expect(logs).toHaveLength(11)
    expect(logs[10]).toMatch(/skipped 5,000 bad lines in all \(the first 10 are logged above\)/)
  })

  it('rejects a missing file up front', () => {
    expect(() => createReplaySource('/nonexistent.jsonl', { speed: 1, assetsDir: '' })).toThrow(
      SourceError
    )
  })
})

describe('demo source', () => {
  it('ships a realistic Chinese session that plays as if live now', async () => {
    const before = Date.now()
    const { events } = await collect(createDemoSource({ speed: Infinity, assetsDir: ASSETS_DIR }))
    const types = new Set(events.map((e) => e.event.type))
    for (const t of ['chat', 'gift', 'follow', 'member', 'like', 'share', 'end'])
      expect(types).toContain(t)
    expect(events.length).toBeGreaterThan(100)
    expect(events[0]!.event.ts).toBeGreaterThanOrEqual(before)
    expect(
      events
        .filter((e) => e.event.type === 'chat')
        .every((e) => /[\u4e00-\u9fff]/.test(e.event.content ?? '') || e.event.content?.length)
    ).toBe(true)
    expect(events.some((e) => e.event.user?.masked)).toBe(true)
  })
})
