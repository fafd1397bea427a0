import { describe, expect, it } from 'vitest'
import {
  commandErrorText,
  noticeText,
  resizeReasonText,
  sessionErrorText,
  sourceReasonText
} from './describe'
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

  it('puts source reasons in plain words, with the network cause, never English detail', () => {
    expect(sourceReasonText('not-live', undefined, tr('zh')).text).toMatch(/还没开播/)
    expect(sourceReasonText('network', 'ENOTFOUND', tr('zh'))).toEqual({
      text: '网络连不上，正在自动重试。',
      cause: '原因：找不到服务器地址（域名解析失败，可能没联网）'
    })
    expect(sourceReasonText('network', 'ENOTFOUND', tr('en')).cause).toBe(
      'Cause: server address not found (name lookup failed; offline?)'
    )
    expect(sourceReasonText('relay-not-running', 'ECONNREFUSED', tr('zh')).text).toMatch(
      /中继）没有运行/
    )
    expect(sourceReasonText('something-new', undefined, tr('en')).text).toBe('State: something-new')
  })

  it('words errors by code, in both languages', () => {
    const session = {
      state: 'idle' as const,
      error: 'replay file not found or not readable: /x.jsonl',
      errorCode: 'replay-missing',
      errorParams: { file: '/x.jsonl' }
    }
    expect(sessionErrorText(session, tr('zh'))).toBe('找不到或无法读取回放文件：/x.jsonl')
    expect(sessionErrorText(session, tr('en'))).toBe('Cannot find or read the recording: /x.jsonl')
    expect(commandErrorText({ code: 'failed', message: 'link-down' }, tr('zh'))).toMatch(/断开/)
    expect(
      commandErrorText({ code: 'failed', message: 'x', reason: 'need-session' }, tr('en'))
    ).toBe('Connect to a live room (or the demo) first.')
    // An unknown code never shows the English message: its code only.
    expect(
      commandErrorText({ code: 'failed', message: 'Some English', reason: 'new' }, tr('zh'))
    ).toBe('操作没有完成（new）。')
    expect(
      noticeText(
        {
          level: 'warn',
          code: 'settings-fields-reset',
          message: 'x',
          at: 0,
          fields: ['pools.tts.max', 'audio.device']
        },
        tr('zh')
      ).body
    ).toBe('这些项已恢复默认：pools.tts.max、audio.device')
  })

  it('translates resize reasons and validation codes', () => {
    expect(resizeReasonText('backlog 3.7 (3.7/worker, trend 1.5) → grow', tr('zh'))).toBe(
      '积压 3.7（每线程 3.7，趋势 1.5）'
    )
    expect(resizeReasonText('bounds 1–4', tr('en'))).toBe('range set to 1–4')
    expect(issueText({ code: 'too-big', params: { max: 8 } }, tr('zh'))).toBe('不能大于 8')
    expect(issueText({ code: 'not-number' }, tr('en'))).toBe('enter a number')
    expect(issueText({ code: 'min-over-max' }, tr('zh'))).toBe('最小值不能大于最大值')
    expect(
      issueText(
        { code: 'template-placeholder', params: { name: 'nick', list: '{user}' } },
        tr('zh')
      )
    ).toBe('模板里有未知变量 {nick}，可用：{user}')
    expect(
      issueText(
        { code: 'engine-unsupported', params: { engine: 'sapi', reason: 'needs-windows' } },
        tr('zh')
      )
    ).toBe('这台电脑不能用“Windows 系统声音（慧慧/瑶瑶/康康）”：只能在 Windows 上用')
  })
})
