import { describe, expect, it } from 'vitest'
import type { CommandError, Notice } from '../../../shared/ipc/contract'
import { commandErrorText, noticeTitle } from './describe'
import { translate, type Lang, type MessageKey } from './i18n'

const tr = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) =>
  translate(lang, key, vars)

describe('codes from the main process have words in both languages', () => {
  it.each(['zh', 'en'] as const)('command errors (%s)', (lang) => {
    for (const code of ['settings-not-saved', 'rate-limited', 'superseded', 'forbidden'] as const) {
      const error: CommandError = { code, message: 'raw words from main' }
      const text = commandErrorText(error, tr(lang))
      expect(text, code).not.toBe('raw words from main')
      expect(text, code).not.toBe(tr(lang)('err.failed', { code }))
    }
  })

  it.each(['zh', 'en'] as const)('settings notices (%s)', (lang) => {
    for (const code of ['settings-recovered', 'settings-fields-reset', 'settings-read-only']) {
      const notice: Notice = { level: 'warn', code, message: 'x', at: 0 }
      expect(noticeTitle(notice, tr(lang)), code).not.toBe(tr(lang)('notice.other'))
    }
  })
})
