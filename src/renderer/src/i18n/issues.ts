import type { SettingsIssue } from '../../../shared/settings-issues'
import { isMessageKey, type MessageKey, type Translate } from './i18n'

/** A settings problem, or the part of it the form needs: its code and values. */
export type IssueLike = Pick<SettingsIssue, 'code' | 'params'>

/**
 * A settings problem in the UI language, from its code (never from zod's English text). A code
 * this renderer does not know yet (a newer main process) reads as "this value cannot be used".
 */
export function issueText(issue: IssueLike, t: Translate): string {
  const params = { ...issue.params }
  if (issue.code === 'engine-unsupported') {
    const key = `engineReason.${String(params.reason ?? '')}`
    params.why = isMessageKey(key) ? t(key) : String(params.reason ?? '')
    const name = `engine.${String(params.engine ?? '')}`
    params.engine = isMessageKey(name) ? t(name) : String(params.engine ?? '')
  }
  if (issue.code === 'not-over' && typeof params.other === 'string') {
    const other = otherFieldLabel(params.other)
    if (other) params.other = t(other)
  }
  const key = `issue.${issue.code}`
  return isMessageKey(key) ? t(key, params) : t('issue.invalid')
}

/** The label of a sibling field a rule names (`backoffMaxMs` next to `backoffBaseMs`). */
function otherFieldLabel(name: string): MessageKey | undefined {
  const key = `f.tts.engines.resilience.${name}`
  return isMessageKey(key) ? key : undefined
}
