import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../shared/events'
import type { SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { HEADLESS, requireBuild, tempDir } from '../testing/paths'

requireBuild()
const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe('load shedding under a replayed flood (CLI, real speech, real-time playback)', () => {
  it('steps down as the backlog grows, says so, and recovers once it drains', async () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    const start = 1_795_000_000_000
    const flood: LiveEvent[] = Array.from({ length: 150 }, (_, i) => ({
      type: 'chat',
      id: String(7_400_000_000_000_000_000n + BigInt(i)),
      ts: start + i * 10,
      user: { id: String(9_000 + i), nickname: `观众${i}` },
      content: `第${i}条刷屏弹幕`
    }))
    flood.push({
      type: 'gift',
      id: '7400000000000009998',
      ts: start + 1600,
      user: { id: '1', nickname: '大哥' },
      gift: { id: '1', name: '嘉年华', count: 1, diamonds: 3000 }
    })
    flood.push({ type: 'end', id: '7400000000000009999', ts: start + 9000 })
    writeFileSync(join(t.dir, 'flood.jsonl'), flood.map((e) => JSON.stringify(e)).join('\n') + '\n')
    writeFileSync(
      join(t.dir, 'config.json'),
      JSON.stringify({
        events: { chat: { freshnessSec: 4, cap: 100 } },
        // Load shedding works on the plain queue; the speech planner merges instead.
        plan: { enabled: false },
        shedding: { recoverAfterSec: 0.5 },
        prewarm: { enabled: false }
      })
    )

    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          HEADLESS,
          '--source',
          `replay:${join(t.dir, 'flood.jsonl')}`,
          '--config',
          join(t.dir, 'config.json'),
          '--audio',
          'null',
          '--audio-pace',
          'realtime',
          '--exit-when-idle',
          '0.5',
          '--quiet',
          '--log-file',
          join(t.dir, 'run.log'),
          '--speech-out',
          join(t.dir, 'speech.jsonl'),
          '--stats-out',
          join(t.dir, 'stats.json')
        ],
        { stdio: 'ignore' }
      )
      child.on('close', resolve)
    })
    expect(code).toBe(0)
    const log = readFileSync(join(t.dir, 'run.log'), 'utf8')
    const levels = [...log.matchAll(/speech (stepped down|recovered) to level (\d)/g)].map((m) =>
      Number(m[2])
    )
    // Down (rising levels) under the flood, then back up one level at a time to normal.
    const peak = Math.max(...levels)
    expect(peak).toBeGreaterThanOrEqual(3)
    const peakAt = levels.indexOf(peak)
    expect(levels.slice(0, peakAt + 1)).toEqual(
      [...levels.slice(0, peakAt + 1)].sort((a, b) => a - b)
    )
    expect(levels.slice(peakAt)).toEqual(Array.from({ length: peak + 1 }, (_, i) => peak - i))

    const speech = readFileSync(join(t.dir, 'speech.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as SpeechRecord)
    expect(speech.find((r) => r.text.startsWith('当前积压') && !r.dropped)).toBeDefined()
    expect(speech.filter((r) => r.dropped === 'shed').length).toBeGreaterThan(10)
    const gift = speech.find((r) => r.type === 'gift')
    expect(gift?.dropped).toBeUndefined()
    const stats = JSON.parse(readFileSync(join(t.dir, 'stats.json'), 'utf8')) as PipelineStatus
    expect(stats.shedding.level).toBe(0)
    expect(stats.counts.received).toBe(152)
  })
})
