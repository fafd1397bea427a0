import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { startChatServer, type ChatServer } from '../pipeline/replies/testing/chat-server'
import { runCli } from '../testing/cli'
import { requireBuild, tempDir } from '../testing/paths'
import { useCleanups } from '../testing/cleanups'

requireBuild()

const defer = useCleanups()

const jsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T)

async function session(mode: ChatServer['mode']) {
  const t = tempDir()
  defer(t.cleanup)
  const chat = await startChatServer()
  defer(() => chat.close())
  chat.mode = mode
  chat.answer = () => '今晚唱到十二点'
  const now = Date.now()
  const user = (id: string, nickname: string) => ({ id, nickname })
  const events = [
    {
      type: 'chat',
      id: '7300000000000000001',
      ts: now,
      user: user('1', '阿伟'),
      content: '晚上好'
    },
    {
      type: 'chat',
      id: '7300000000000000002',
      ts: now + 10,
      user: user('2', '小橘子'),
      content: '主播今晚播到几点？'
    }
  ]
  const replay = join(t.dir, 'room.jsonl')
  writeFileSync(replay, events.map((e) => JSON.stringify(e)).join('\n') + '\n')
  const config = join(t.dir, 'config.json')
  writeFileSync(
    config,
    JSON.stringify({
      prewarm: { enabled: false },
      ai: { enabled: true, endpoint: chat.url, timeoutMs: 10_000 },
      tts: { engines: { resilience: { retries: 1, backoffBaseMs: 10, backoffMaxMs: 20 } } }
    })
  )
  const speechOut = join(t.dir, 'speech.jsonl')
  const statsOut = join(t.dir, 'stats.json')
  const run = await runCli([
    '--source',
    `replay:${replay}`,
    '--speed',
    'max',
    '--config',
    config,
    '--audio',
    'null',
    '--audio-pace',
    'fast',
    '--quiet',
    '--exit-when-idle',
    '0.5',
    '--speech-out',
    speechOut,
    '--stats-out',
    statsOut
  ])
  return {
    run,
    events,
    records: jsonl<SpeechRecord>(speechOut),
    stats: JSON.parse(readFileSync(statsOut, 'utf8')) as PipelineStatus
  }
}

describe('headless CLI: AI replies and the task view in the output files', () => {
  it('the reply is a `reply` record linked to the question; tasks are totalled', async () => {
    const { run, events, records, stats } = await session('normal')
    expect(run.code, run.stderr).toBe(0)
    const reply = records.find((r) => r.type === 'reply')
    expect(reply).toMatchObject({
      text: '今晚唱到十二点',
      eventId: `reply-${events[1]!.id}`,
      replyTo: events[1]!.id
    })
    expect(reply!.dropped).toBeUndefined()
    // Every event still in exactly one record of its own.
    for (const e of events)
      expect(records.filter((r) => r.eventIds.includes(e.id) && r.type === 'chat')).toHaveLength(1)
    expect(stats.ai!.counts).toMatchObject({ triggered: 1, replied: 1 })
    expect(run.stderr + run.stdout).toContain('AI replies: 1 spoken of 1 triggers')
    const tts = stats.tasks!.pools.find((p) => p.pool === 'tts')!
    expect(tts.counts.done).toBe(3)
    expect(stats.tasks!.recent.filter((r) => r.pool === 'tts')).toHaveLength(3)
  })

  it('a failing endpoint: the room is read as usual, the reply recorded as failed', async () => {
    const { run, events, records, stats } = await session('error500')
    expect(run.code, run.stderr).toBe(0)
    for (const e of events)
      expect(records.find((r) => r.eventIds.includes(e.id))!.dropped).toBeUndefined()
    expect(records.filter((r) => r.type === 'reply')).toMatchObject([
      { dropped: 'reply-failed', replyTo: events[1]!.id }
    ])
    expect(stats.ai!.counts).toMatchObject({ failed: 1, retries: 1 })
  })
})
