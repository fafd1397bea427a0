import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, parseSettings } from '../../shared/settings'
import type { LiveEvent } from '../../shared/events'
import { processEvent } from './process-event'
import processBatch from './processing.worker'

const user = { id: '3819204755102937', nickname: '小橘子' }
const at = (event: Partial<LiveEvent> & { type: LiveEvent['type'] }) => ({ event: { id: '1', ts: 1, ...event } as LiveEvent, receivedAt: 42 })

describe('processEvent', () => {
  it('renders the Chinese default templates', () => {
    const run = (e: Parameters<typeof at>[0]) => processEvent(at(e), DEFAULT_SETTINGS)
    expect(run({ type: 'chat', user, content: '主播好' })).toMatchObject({ ok: true, draft: { text: '小橘子说：主播好', priority: 2, receivedAt: 42 } })
    expect(run({ type: 'gift', user, gift: { id: '1', name: '玫瑰', count: 3 } })).toMatchObject({ ok: true, draft: { text: '感谢小橘子送的3个玫瑰', priority: 4 } })
    expect(run({ type: 'member', user })).toMatchObject({ ok: true, draft: { text: '欢迎小橘子' } })
    expect(run({ type: 'follow', user })).toMatchObject({ ok: true, draft: { text: '感谢小橘子的关注', priority: 3 } })
  })

  it('reads masked nicknames naturally', () => {
    const masked = (nickname: string) => processEvent(at({ type: 'member', user: { id: '1', nickname, masked: true } }), DEFAULT_SETTINGS)
    expect(masked('用户8923****')).toMatchObject({ draft: { text: '欢迎用户8923' } })
    expect(masked('薛***')).toMatchObject({ draft: { text: '欢迎薛某' } })
    expect(masked('****')).toMatchObject({ draft: { text: '欢迎神秘人' } })
  })

  it('never evaluates placeholders inside user text', () => {
    const r = processEvent(at({ type: 'chat', user: { id: '1', nickname: '{content}' }, content: '{user}{gift}' }), DEFAULT_SETTINGS)
    expect(r).toMatchObject({ ok: true, draft: { text: '{content}说：{user}{gift}' } })
  })

  it('drops switched-off types, blocked words and empty chats with the reason', () => {
    const off = parseSettings({ events: { member: { enabled: false } }, filter: { blockedWords: ['加微信'] } })
    if (!off.ok) throw new Error(off.errors.join())
    expect(processEvent(at({ type: 'member', user }), off.settings)).toEqual({ ok: false, eventId: '1', type: 'member', reason: 'type-off' })
    expect(processEvent(at({ type: 'chat', user, content: '加 微 信 领红包' }), off.settings)).toMatchObject({ ok: false, reason: 'blocked-word' })
    expect(processEvent(at({ type: 'chat', user, content: '[微笑][微笑]' }), off.settings)).toMatchObject({ ok: false, reason: 'empty' })
    expect(processEvent(at({ type: 'stats', online: 5 }), DEFAULT_SETTINGS)).toMatchObject({ ok: false, reason: 'type-off' })
  })

  it('uses custom templates and priorities', () => {
    const s = parseSettings({ events: { chat: { template: '{content}', priority: 7 } } })
    if (!s.ok) throw new Error()
    expect(processEvent(at({ type: 'chat', user, content: '哈哈哈哈哈' }), s.settings)).toMatchObject({ draft: { text: '哈哈哈', priority: 7 } })
  })

  it('the worker entry maps a batch in order', () => {
    const out = processBatch({ events: [at({ type: 'chat', user, content: 'a' }), at({ type: 'stats' })], config: DEFAULT_SETTINGS })
    expect(out.map((o) => o.ok)).toEqual([true, false])
  })
})
