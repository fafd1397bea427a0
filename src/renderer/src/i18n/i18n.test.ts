import { describe, expect, it } from 'vitest'
import { commandErrorText, friendlyMessage, resizeReasonText, sourceReasonText } from './describe'
import { en } from './en'
import { format, translate, type Lang, type MessageKey } from './i18n'
import { issueText } from './issues'
import { zh } from './zh'

const tr = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) =>
  translate(lang, key, vars)

describe('i18n', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(zh) as MessageKey[])
      expect(slots(en[key]), key).toEqual(slots(zh[key]))
  })

  it('fills slots and leaves unknown ones visible', () => {
    expect(format('积压 {lines} 条 {x}', { lines: 3 })).toBe('积压 3 条 {x}')
  })

  it('puts source reasons in plain words, falling back to the detail', () => {
    expect(sourceReasonText('not-live', '未开播 x', tr('zh'))).toMatch(/还没开播/)
    expect(sourceReasonText('something-new', '原文 detail', tr('en'))).toBe('原文 detail')
  })

  it('recognises known failure messages', () => {
    expect(
      friendlyMessage('unknown source "douyin"; expected one of: demo, replay', tr('zh'))
    ).toBe('这个版本还不能连接“douyin”来源。')
    expect(friendlyMessage('replay file not found or not readable: /x.jsonl', tr('en'))).toBe(
      'Cannot find or read the recording: /x.jsonl'
    )
    expect(commandErrorText({ code: 'failed', message: 'link-down' }, tr('zh')).text).toMatch(
      /断开/
    )
    expect(friendlyMessage('something else', tr('zh'))).toBe('something else')
  })

  it('translates resize reasons and validation messages', () => {
    expect(resizeReasonText('backlog 3.7 (3.7/worker, trend 1.5) → grow', tr('zh'))).toBe(
      '积压 3.7（每线程 3.7，趋势 1.5）'
    )
    expect(resizeReasonText('bounds 1–4', tr('en'))).toBe('range set to 1–4')
    expect(issueText('Too big: expected number to be <=8', tr('zh'))).toBe('不能大于 8')
    expect(issueText('Invalid input: expected number, received NaN', tr('en'))).toBe(
      'enter a number'
    )
    expect(issueText('min must not exceed max', tr('zh'))).toBe('最小值不能大于最大值')
  })
})
