import { afterEach, describe, expect, it } from 'vitest'
import { parseSettings, type Settings } from '../../../shared/settings'
import type { SpeechDraft, SpeechRecord } from '../../../shared/speech'
import { AiReplies } from './ai-replies'
import { startChatServer, type ChatServer } from './testing/chat-server'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(ai: object) {
  const server: ChatServer = await startChatServer()
  cleanups.push(() => server.close())
  const parsed = parseSettings({
    ai: { enabled: true, endpoint: server.url, ...ai },
    filter: { blockedWords: ['广告'] }
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  let settings: Settings = parsed.settings
  const spoken: SpeechDraft[] = []
  const records: SpeechRecord[] = []
  const replies = new AiReplies({
    settings: () => settings,
    speak: (d) => spoken.push(d),
    record: (r) => records.push(r),
    log: () => {}
  })
  cleanups.push(() => replies.dispose())
  return {
    server,
    replies,
    spoken,
    records,
    set: (next: Settings) => (settings = next),
    get settings() {
      return settings
    }
  }
}

let seq = 0
const question = (content = '主播今天唱什么？'): SpeechDraft => ({
  text: `甲说：${content}`,
  type: 'chat',
  priority: 2,
  eventId: `q${++seq}`,
  receivedAt: Date.now(),
  who: '甲',
  dedupeKey: content,
  roomId: 'r1'
})

describe('AiReplies', () => {
  it('one at a time and at most perMinute: the rest are counted, not queued', async () => {
    const s = await setup({ perMinute: 2, stream: false })
    s.server.mode = 'slow'
    s.replies.consider(question())
    s.replies.consider(question()) // one is already being generated
    await s.replies.whenIdle()
    s.replies.consider(question())
    await s.replies.whenIdle()
    s.replies.consider(question()) // the minute's two are used
    await s.replies.whenIdle()
    expect(s.spoken).toHaveLength(2)
    expect(s.replies.status().counts).toMatchObject({ triggered: 4, limited: 2, replied: 2 })
    expect(s.server.requests).toHaveLength(2)
  })

  it('a reply line carries its own voice, priority and room, linked to its question', async () => {
    const s = await setup({ line: { voice: 'cmn', priority: 6, rate: 200, volume: 1.5 } })
    s.server.answer = () => '唱《晴天》'
    const q = question()
    s.replies.consider(q)
    await s.replies.whenIdle()
    expect(s.spoken).toEqual([
      expect.objectContaining({
        type: 'reply',
        text: '唱《晴天》',
        eventId: `reply-${q.eventId}`,
        replyTo: q.eventId,
        voice: 'cmn',
        priority: 6,
        rate: 200,
        volume: 1.5,
        roomId: 'r1',
        receivedAt: q.receivedAt
      })
    ])
  })

  it('an answer is cut to maxReplyChars and filtered like a comment', async () => {
    const s = await setup({ maxReplyChars: 10 })
    s.server.answer = () => '一二三四五六七八九十十一十二'
    s.replies.consider(question())
    await s.replies.whenIdle()
    expect([...s.spoken[0]!.text].length).toBeLessThanOrEqual(10)
    s.server.answer = () => '关注我看广 告'
    s.replies.consider(question())
    await s.replies.whenIdle()
    expect(s.spoken).toHaveLength(1)
    expect(s.records).toMatchObject([{ type: 'reply', dropped: 'blocked-word', text: '' }])
  })

  it('off, or without an endpoint, it does nothing at all', async () => {
    const s = await setup({ enabled: false })
    s.replies.consider(question())
    s.set({ ...s.settings, ai: { ...s.settings.ai, enabled: true, endpoint: '' } })
    s.replies.consider(question())
    await s.replies.whenIdle()
    expect(s.server.requests).toHaveLength(0)
    expect(s.replies.status().counts.triggered).toBe(0)
  })
})
