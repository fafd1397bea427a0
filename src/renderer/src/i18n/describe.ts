import type { EventType } from '../../../shared/events'
import type { CommandError, Notice, Session } from '../../../shared/ipc/contract'
import type { DropReason } from '../../../shared/speech'
import { LINK_DOWN } from '../bridge/types'
import { isMessageKey as has, type Translate, type Vars } from './i18n'

/**
 * Main-process codes → words a streamer understands, in the UI language. Only codes are read,
 * never the main process's English messages: those are for logs.
 */

export function eventTypeName(type: EventType | 'reply', t: Translate): string {
  const key = `type.${type}`
  return has(key) ? t(key) : type
}

/** A drop reason in words; an unknown reason (a newer main process) as it is. */
export function dropReasonName(reason: DropReason | string, t: Translate): string {
  const key = `drop.${reason}`
  return has(key) ? t(key) : reason
}

/** A network error code (`ENOTFOUND`) in words. */
export function netText(errno: string | undefined, t: Translate): string | undefined {
  if (!errno) return undefined
  const key = `net.${errno}`
  return has(key) ? t(key) : t('net.other', { errno })
}

/**
 * A source's state reason (`status.source.reason`) in words, with the network's own cause
 * (`errno`) when there is one. An unknown reason shows its code, never English detail text.
 */
export function sourceReasonText(
  reason: string | undefined,
  errno: string | undefined,
  t: Translate
): { text?: string; cause?: string } {
  if (!reason) return {}
  const key = `reason.${reason}`
  const text = has(key) ? t(key) : t('source.unknownReason', { code: reason })
  const cause = netText(errno, t)
  return { text, ...(cause ? { cause: t('source.errno', { what: cause }) } : {}) }
}

/** An error code with its values (`replay-missing`, {file}) in words. */
export function codeText(code: string | undefined, params: Vars | undefined, t: Translate): string {
  const values: Vars = { ...params }
  if (typeof values.errno === 'string') values.net = netText(values.errno, t) ?? values.errno
  const key = `err.${code ?? ''}`
  return has(key) ? t(key, values) : t('err.failed', { code: code ?? '?' })
}

/** Why the last connect failed, in words (from `errorCode`). */
export function sessionErrorText(session: Session, t: Translate): string | undefined {
  if (!session.error && !session.errorCode) return undefined
  return codeText(session.errorCode, session.errorParams, t)
}

/** A failed command's error as one line in words. */
export function commandErrorText(error: CommandError, t: Translate): string {
  if (error.message === LINK_DOWN) return t('error.link-down')
  if (error.message === 'timeout') return t('error.timeout')
  if (error.code === 'invalid-settings') return t('error.invalidSettings')
  if (error.code === 'bad-args' || error.code === 'bad-command') return t('error.badArgs')
  return codeText(error.reason ?? error.code, error.params, t)
}

/** A notice's headline and its details, by its code and values. */
export function noticeText(notice: Notice, t: Translate): { title: string; body?: string } {
  const titleKey = `notice.${notice.code}`
  const title = has(titleKey) ? t(titleKey) : t('notice.other')
  const params: Vars = { ...notice.params }
  if (notice.fields) params.fields = notice.fields.join('、')
  if (typeof params.reason === 'string') {
    const why = `engineReason.${params.reason}`
    params.why = has(why) ? t(why) : params.reason
  }
  for (const name of ['engine', 'used'] as const) {
    const key = `engine.${String(params[name] ?? '')}`
    if (has(key)) params[name] = t(key)
  }
  if (notice.code === 'source-failed')
    return { title, body: codeText(String(params.code ?? ''), params, t) }
  const bodyKey = `noticeBody.${notice.code}`
  return has(bodyKey) ? { title, body: t(bodyKey, params) } : { title }
}

/** The headline of a notice, by its code. */
export function noticeTitle(notice: Notice, t: Translate): string {
  return noticeText(notice, t).title
}

/** A pool resize reason (`bounds 1–4`, `backlog 3.7 (3.7/worker, trend 1.5) → grow`) in the UI language. */
export function resizeReasonText(reason: string, t: Translate): string {
  const bounds = /^bounds (\d+)\D+(\d+)$/.exec(reason)
  if (bounds) return t('resize.bounds', { min: bounds[1]!, max: bounds[2]! })
  const backlog = /^backlog (\S+) \((\S+)\/worker, trend (\S+)\)/.exec(reason)
  if (backlog)
    return t('resize.backlog', { backlog: backlog[1]!, per: backlog[2]!, trend: backlog[3]! })
  return reason
}
