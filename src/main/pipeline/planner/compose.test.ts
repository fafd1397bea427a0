import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { MERGE_WORDING_PRESETS } from '../../../shared/settings-schema/plan-settings'
import type { SpeechDraft } from '../../../shared/speech'
import { composeBigGifts, composeLine, joinList, type WordingOptions } from './compose'

let seq = 0
function draft(
  type: SpeechDraft['type'],
  who: string | undefined,
  extra: Partial<SpeechDraft> = {}
): SpeechDraft {
  const id = String(++seq)
  return {
    text: `${who ?? '有人'}的${type}`,
    type,
    priority: 3,
    eventId: id,
    receivedAt: seq,
    userId: who ? `u-${who}` : undefined,
    ...(who !== undefined ? { who } : {}),
    ...extra
  }
}
const gift = (who: string, name: string, count: number, value: number) =>
  draft('gift', who, { gift: { name, count, value } })

const zh: WordingOptions = {
  wording: DEFAULT_SETTINGS.plan.wording,
  namesLimit: 3,
  readNames: true
}
const en: WordingOptions = { ...zh, wording: MERGE_WORDING_PRESETS.en }

describe('merged lines', () => {
  it('one event keeps its own line', () => {
    const d = draft('follow', '阿伟')
    expect(composeLine('follow', [d], zh)).toBe(d.text)
  })

  it('follows: every name while within the limit, then "等N位", each name once', () => {
    expect(composeLine('follow', [draft('follow', 'A'), draft('follow', 'B')], zh)).toBe(
      '感谢A、B的关注'
    )
    const eight = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((n) => draft('follow', n))
    expect(composeLine('follow', eight, zh)).toBe('感谢A、B、C等8位朋友的关注')
    // The same person twice is one person, read once.
    const twice = [draft('follow', 'A'), draft('follow', 'A'), draft('follow', 'B')]
    expect(composeLine('follow', twice, zh)).toBe('感谢A、B的关注')
    expect(
      composeLine(
        'member',
        eight.map((d) => ({ ...d, type: 'member' as const })),
        zh
      )
    ).toBe('欢迎A、B、C等8位朋友')
  })

  it('names off, or a names limit of 0: the count only', () => {
    const three = ['A', 'B', 'C'].map((n) => draft('follow', n))
    expect(composeLine('follow', three, { ...zh, readNames: false })).toBe('感谢3位新朋友的关注')
    expect(composeLine('follow', three, { ...zh, namesLimit: 0 })).toBe('感谢3位新朋友的关注')
  })

  it('a name that may not be read is counted but not named', () => {
    const line = composeLine('follow', [draft('follow', 'A'), draft('follow', undefined)], zh)
    expect(line).toBe('感谢A等2位朋友的关注')
  })

  it('gifts: one kind from several people names the gift; mixed gifts say 礼物, biggest first', () => {
    expect(composeLine('gift', [gift('A', '小心心', 1, 1), gift('B', '小心心', 3, 3)], zh)).toBe(
      '感谢B、A送的小心心'
    )
    const mixed = [
      gift('A', '小心心', 1, 1),
      gift('B', '玫瑰', 1, 10),
      gift('C', '墨镜', 1, 300),
      ...Array.from({ length: 9 }, (_, i) => gift(`x${i}`, '小心心', 1, 1))
    ]
    expect(composeLine('gift', mixed, zh)).toBe('感谢C、B、A等12位朋友送的礼物')
  })

  it("one person's several gifts: counts summed per gift, the most valuable first", () => {
    const line = composeLine(
      'gift',
      [gift('A', '小心心', 2, 2), gift('A', '玫瑰', 1, 10), gift('A', '小心心', 1, 1)],
      zh
    )
    expect(line).toBe('感谢A送的1个玫瑰和3个小心心')
  })

  it('big gifts read together each name their sender', () => {
    const line = composeBigGifts([gift('A', '跑车', 1, 1200), gift('B', '嘉年华', 2, 6000)], zh)
    expect(line).toBe('感谢A的跑车和B的2个嘉年华！')
    // One giver's two big gifts: the name is read once.
    expect(composeBigGifts([gift('A', '墨镜', 27, 8073), gift('A', '嘉年华', 1, 30000)], zh)).toBe(
      '感谢A的27个墨镜和嘉年华！'
    )
  })

  it('English wording reads naturally', () => {
    expect(
      composeLine(
        'follow',
        ['A', 'B', 'C'].map((n) => draft('follow', n)),
        en
      )
    ).toBe('Thank you A, B and C for following')
    const five = ['A', 'B', 'C', 'D', 'E'].map((n) => draft('follow', n))
    expect(composeLine('follow', five, en)).toBe('Thank you A, B, C and 2 others for following')
    expect(composeLine('gift', [gift('A', 'Rose', 2, 2), gift('A', 'Heart', 1, 1)], en)).toBe(
      'Thank you A for 2 Rose and 1 Heart'
    )
  })

  it('joins lists', () => {
    expect(joinList([], '、', '和')).toBe('')
    expect(joinList(['a'], '、', '和')).toBe('a')
    expect(joinList(['a', 'b', 'c'], '、', '和')).toBe('a、b和c')
  })
})
