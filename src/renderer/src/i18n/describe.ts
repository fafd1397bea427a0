import type { EventType } from '../../../shared/events'
import type { CommandError, Notice } from '../../../shared/ipc/contract'
import type { DropReason } from '../../../shared/speech'
import { LINK_DOWN } from '../bridge/types'
import { isMessageKey as has, type MessageKey, type Translate } from './i18n'

/** Main-process codes and messages → words a streamer understands, in the UI language. */

export function eventTypeName(type: EventType, t: Translate): string {
  const key = `type.${type}`
  return has(key) ? t(key) : type
}

/** A drop reason in words; an unknown reason (a newer main process) as it is. */
export function dropReasonName(reason: DropReason | string, t: Translate): string {
  const key = `drop.${reason}`
  return has(key) ? t(key) : reason
}

/**
 * A source's state reason (`status.source.reason`) in friendly words; unknown reasons fall back to
 * the source's own detail text, which is already bilingual.
 */
export function sourceReasonText(
  reason: string | undefined,
  detail: string | undefined,
  t: Translate
): string | undefined {
  const key = `reason.${reason ?? ''}`
  if (reason && has(key)) return t(key)
  return detail
}

/** A failed command's error as one friendly line, plus the raw text when it adds something. */
export function commandErrorText(
  error: CommandError,
  t: Translate
): { text: string; raw?: string } {
  const message = error.message
  if (message === LINK_DOWN) return { text: t('error.link-down') }
  if (message === 'timeout') return { text: t('error.timeout') }
  if (error.code === 'invalid-settings') return { text: t('error.invalidSettings') }
  const byCode = `error.code.${error.code}`
  if (has(byCode)) return { text: t(byCode), raw: message }
  return { text: friendlyMessage(message, t), raw: message }
}

/** Known failure messages from the main process (session.error, command errors) → friendly words. */
export function friendlyMessage(message: string, t: Translate): string {
  const unknown = /unknown source "([^"]+)"/.exec(message)
  if (unknown) return t('error.unknownSource', { kind: unknown[1]! })
  const replay = /replay file not found or not readable: (.*)$/.exec(message)
  if (replay) return t('error.replayMissing', { file: replay[1]! })
  if (/relay needs a WebSocket URL/.test(message)) return t('error.relayUrl')
  if (/Connect to a room \(or the demo\) first/.test(message)) return t('error.needSession')
  const reason = /^(room-not-found|DEVICE_BLOCKED|capture-unavailable)\b/.exec(message)
  if (reason) return t(`reason.${reason[1]}` as MessageKey)
  return message
}

/** The headline of a notice, by its code. */
export function noticeTitle(notice: Notice, t: Translate): string {
  const key = `notice.${notice.code}`
  return has(key) ? t(key) : t('notice.other')
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
