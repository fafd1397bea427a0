import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../shared/events'
import { parseSettings, type SettingsInput } from '../../shared/settings'
import { ConfigPacker } from '../../shared/packed-config'
import { packEvents, PackedEventsError } from '../../shared/packed-events'
import { spokenAt } from '../../shared/spoken-batch'
import { WorkerTaskError, type ProcessingConfig } from '../../shared/worker-protocol'
import { processEvent } from './process-event'
import processBatch from './processing.worker'

const user = { id: '3819204755102937', nickname: '小橘子' }
const at = (event: Partial<LiveEvent> & { type: LiveEvent['type'] }, id = '1') => ({
  event: { id, ts: 1, ...event },
  receivedAt: 42
})

function config(input: SettingsInput = {}, shedLevel = 0): ProcessingConfig {
  const r = parseSettings(input)
  if (!r.ok) throw new Error(r.errors.join('; '))
  return { ...r.settings, shedLevel }
}
const DEFAULT = config()
const textOf = (r: ReturnType<typeof processEvent>) => (r.ok ? r.draft.text : `dropped:${r.reason}`)

describe('processEvent', () => {
  it('renders the Chinese default templates (variants chosen per event, reproducibly)', () => {
    expect(processEvent(at({ type: 'chat', user, content: '主播好' }), DEFAULT)).toMatchObject({
      ok: true,
      draft: { text: '小橘子说：主播好', priority: 2, receivedAt: 42, userId: user.id }
    })
    const gift = textOf(
      processEvent(at({ type: 'gift', user, gift: { id: '1', name: '玫瑰', count: 3 } }), DEFAULT)
    )
    expect(['感谢小橘子送的3个玫瑰', '谢谢小橘子送的3个玫瑰']).toContain(gift)
    expect(
      textOf(
        processEvent(at({ type: 'gift', user, gift: { id: '1', name: '玫瑰', count: 3 } }), DEFAULT)
      )
    ).toBe(gift)
    expect(['欢迎小橘子', '欢迎欢迎小橘子']).toContain(
      textOf(processEvent(at({ type: 'member', user }), DEFAULT))
    )
    expect(textOf(processEvent(at({ type: 'follow', user }), DEFAULT))).toBe('感谢小橘子的关注')
  })

  it('weighted variants follow their weights over many events', () => {
    const c = config({ events: { follow: { template: '[甲:3|乙]' } } })
    const counts = { 甲: 0, 乙: 0 }
    for (let i = 0; i < 4000; i++)
      counts[textOf(processEvent(at({ type: 'follow', user }, String(i)), c)) as '甲' | '乙']++
    expect(counts.甲 / 4000).toBeGreaterThan(0.7)
    expect(counts.甲 / 4000).toBeLessThan(0.8)
  })

  it('thanks gifts by value tier', () => {
    const rose = (count: number, diamonds: number) =>
      textOf(
        processEvent(
          at({ type: 'gift', user, gift: { id: '1', name: '嘉年华', count, diamonds } }),
          DEFAULT
        )
      )
    expect(rose(1, 3000)).toBe('感谢小橘子送的1个嘉年华，老板大气！')
    expect(rose(10, 10)).toMatch(/^(谢谢|感谢)小橘子送的10个嘉年华，太给力了$/)
    expect(rose(1, 1)).toMatch(/^(谢谢|感谢)小橘子送的1个嘉年华$/)
  })

  it('reads masked nicknames naturally, and read-as names and voices per user', () => {
    const masked = (nickname: string) =>
      textOf(
        processEvent(at({ type: 'follow', user: { id: '1', nickname, masked: true } }), DEFAULT)
      )
    expect(masked('用户8923****')).toBe('感谢用户8923的关注')
    expect(masked('薛***')).toBe('感谢薛某的关注')
    expect(masked('****')).toBe('感谢神秘人的关注')
    const c = config({
      users: { [user.id]: { readAs: '橘子姐', voice: 'cmn-f' } },
      events: { follow: { voice: 'x', rate: 200, volume: 0.5 } }
    })
    expect(processEvent(at({ type: 'follow', user }), c)).toMatchObject({
      draft: { text: '感谢橘子姐的关注', voice: 'cmn-f', rate: 200, volume: 0.5 }
    })
    // New settings are read as they are (each settings object has its own lookup).
    const renamed = config({ users: { [user.id]: { readAs: '橘子哥' } } })
    expect(textOf(processEvent(at({ type: 'follow', user }), renamed))).toBe('感谢橘子哥的关注')
    expect(textOf(processEvent(at({ type: 'follow', user }), DEFAULT))).toBe('感谢小橘子的关注')
    expect(textOf(processEvent(at({ type: 'follow', user }), c))).toBe('感谢橘子姐的关注')
  })

  it('switching names off uses the no-name lines', () => {
    const c = config({ speech: { readNames: false } })
    expect(textOf(processEvent(at({ type: 'chat', user, content: '你好' }), c))).toBe('你好')
    expect(textOf(processEvent(at({ type: 'follow', user }), c))).toBe('感谢关注')
    expect(
      textOf(processEvent(at({ type: 'gift', user, gift: { id: '1', name: '玫瑰', count: 2 } }), c))
    ).toBe('感谢送出的2个玫瑰')
  })

  it('never evaluates placeholders inside user text', () => {
    expect(
      textOf(
        processEvent(
          at({ type: 'chat', user: { id: '1', nickname: '{content}' }, content: '{user}{gift}' }),
          DEFAULT
        )
      )
    ).toBe('{content}说：{user}{gift}')
  })

  it('reads slang, number memes and symbols in Chinese', () => {
    const chat = (content: string) =>
      textOf(
        processEvent(
          at({ type: 'chat', user, content }),
          config({ events: { chat: { template: '{content}' } } })
        )
      )
    expect(chat('666666')).toBe('六六六')
    expect(chat('yyds')).toBe('永远的神')
    expect(chat('打折50%')).toBe('打折百分之50')
    expect(chat('1+1')).toBe('1加1')
    expect(chat('你好~~~')).toBe('你好')
    expect(chat('88')).toBe('拜拜')
  })

  it('drops with the reason: type off, blocked words (also by sound), users, thresholds, length', () => {
    const c = config({
      events: { member: { enabled: false } },
      filter: {
        blockedWords: ['加微信'],
        blockedUsers: ['坏人'],
        minLength: 2,
        minFansClubLevel: 3,
        minGiftDiamonds: 10
      }
    })
    const reason = (e: Parameters<typeof at>[0]) => {
      const r = processEvent(at(e), c)
      return r.ok ? 'spoken' : r.reason
    }
    const fan = { ...user, fansClubLevel: 5 }
    expect(reason({ type: 'member', user })).toBe('type-off')
    expect(reason({ type: 'chat', user: fan, content: '加 微 信 领红包' })).toBe('blocked-word')
    expect(reason({ type: 'chat', user: fan, content: '家威信领红包' })).toBe('blocked-word')
    expect(reason({ type: 'chat', user: fan, content: '微信支付可以吗' })).toBe('spoken')
    expect(
      reason({
        type: 'chat',
        user: { id: '9', nickname: '坏人', fansClubLevel: 9 },
        content: '你好'
      })
    ).toBe('blocked-user')
    expect(reason({ type: 'chat', user: { ...user, fansClubLevel: 1 }, content: '你好' })).toBe(
      'below-threshold'
    )
    expect(reason({ type: 'chat', user: fan, content: '好' })).toBe('too-short')
    expect(reason({ type: 'chat', user: fan, content: '[微笑][微笑]' })).toBe('empty')
    expect(
      reason({ type: 'gift', user, gift: { id: '1', name: '小心心', count: 1, diamonds: 1 } })
    ).toBe('below-threshold')
    expect(
      reason({ type: 'gift', user, gift: { id: '1', name: '墨镜', count: 1, diamonds: 99 } })
    ).toBe('spoken')
    expect(processEvent(at({ type: 'stats', online: 5 }), DEFAULT)).toMatchObject({
      ok: false,
      reason: 'type-off'
    })
  })

  it('the allow list bypasses thresholds', () => {
    const c = config({ filter: { allowedUsers: [user.id], minFansClubLevel: 5 } })
    expect(processEvent(at({ type: 'chat', user, content: '你好' }), c)).toMatchObject({
      ok: true,
      draft: { allowed: true }
    })
  })

  it('load shedding: level 1 drops names, 2 shortens, 4 keeps gifts and follows only', () => {
    const long = '这是一条非常非常长的弹幕内容，讲了很多很多的事情，一直说个不停'
    expect(textOf(processEvent(at({ type: 'follow', user }), config({}, 1)))).toBe('感谢关注')
    expect(
      [...textOf(processEvent(at({ type: 'chat', user, content: long }), config({}, 2)))].length
    ).toBeLessThanOrEqual(20)
    expect(processEvent(at({ type: 'chat', user, content: '你好' }), config({}, 4))).toMatchObject({
      ok: false,
      reason: 'shed'
    })
    expect(processEvent(at({ type: 'member', user }), config({}, 4))).toMatchObject({
      ok: false,
      reason: 'shed'
    })
    expect(processEvent(at({ type: 'follow', user }), config({}, 4)).ok).toBe(true)
    expect(
      processEvent(
        at({ type: 'gift', user, gift: { id: '1', name: '玫瑰', count: 1 } }),
        config({}, 4)
      ).ok
    ).toBe(true)
  })

  it('the worker entry maps a batch in order', () => {
    const out = processBatch({
      kind: 'process',
      events: packEvents([
        at({ type: 'chat', user, content: 'a' }).event,
        at({ type: 'stats' }).event
      ]),
      config: { ...new ConfigPacker().pack(DEFAULT), shedLevel: 0 }
    })
    // The words only, packed flat: ids, type and voice stay with the main thread, which builds the
    // draft. Five slots per event: text or drop reason, content, name, gift (0: none), flags.
    expect(out.spoken).toEqual(['小橘子说：a', 'a', '小橘子', 0, 0, 'type-off', 0, 0, 0, 1])
    expect([spokenAt(out.spoken, 0), spokenAt(out.spoken, 1), spokenAt(out.spoken, 2)]).toEqual([
      { text: '小橘子说：a', content: 'a', who: '小橘子' },
      'type-off',
      undefined
    ])
    // The thread that ran it, for the task view (0 on the main thread).
    expect(out.threadId).toBe(0)
  })
  it('the worker entry refuses events that are not a packed batch, with a coded error', () => {
    const task = (events: unknown) =>
      ({
        kind: 'process',
        events,
        config: { ...new ConfigPacker().pack(DEFAULT), shedLevel: 0 }
      }) as Parameters<typeof processBatch>[0]
    // Event objects, as tasks carried them before events were packed.
    expect(() => processBatch(task([at({ type: 'stats' }).event]))).toThrow(PackedEventsError)
    expect(() => processBatch(task([1, 0, 6, 'id', 0, 'extra']))).toThrow('1 value(s) left over')
  })

  it('the worker entry throws a coded error for a task of unknown kind, never ignores it', () => {
    const bogus = { kind: 'render', events: [], config: DEFAULT } as unknown as Parameters<
      typeof processBatch
    >[0]
    expect(() => processBatch(bogus)).toThrow(WorkerTaskError)
    expect(() => processBatch(bogus)).toThrow('processing worker: unknown task kind "render"')
    try {
      processBatch(null as unknown as Parameters<typeof processBatch>[0])
      expect.unreachable()
    } catch (err) {
      expect((err as WorkerTaskError).code).toBe('unknown-task')
    }
  })
})
