import { TEMPLATE_FIELDS } from '../../../shared/settings'
import type { Translate } from './i18n'

/**
 * Settings validation messages (zod's English, as parseSettings and the main process return them)
 * in the UI language. Unrecognised messages are shown as they are.
 */
export function issueText(message: string, t: Translate): string {
  let m: RegExpExecArray | null
  if ((m = /^Too big: expected (?:number|int) to be <=?\s*(\S+)/.exec(message)))
    return t('issue.tooBig', { n: m[1]! })
  if ((m = /^Too small: expected (?:number|int) to be >=?\s*(\S+)/.exec(message)))
    return t('issue.tooSmall', { n: m[1]! })
  if ((m = /^Too big: expected (?:string|array) to have <=?\s*(\S+)/.exec(message)))
    return t('issue.tooLong', { n: m[1]! })
  if (/^Too small: expected (?:string|array) to have >=?\s*1\b/.test(message))
    return t('issue.tooShort')
  if (/expected int, received number/.test(message)) return t('issue.integer')
  if (/expected number, received (NaN|string|undefined|null)/.test(message))
    return t('issue.number')
  if (/^min must not exceed max/.test(message)) return t('issue.minMax')
  if (/^unknown placeholder/.test(message))
    return t('issue.placeholder', { list: TEMPLATE_FIELDS.map((f) => `{${f}}`).join(' ') })
  if (/^letters, digits/.test(message)) return t('issue.voice')
  return message
}
