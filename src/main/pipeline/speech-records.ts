import type { EventType } from '../../shared/events'
import type { LogEntry } from '../../shared/log'
import type { DropReason, LineType, SpeechDraft, SpeechRecord } from '../../shared/speech'

/**
 * Records of events that did not become a spoken line. Every event the pipeline receives ends in
 * exactly one SpeechRecord: a line that covers it (spoken or not), or one of these.
 */

/** An event dropped before it had a line (queue full, filtered, type off…): no text. */
export function eventDropRecord(
  event: { id: string; type: EventType },
  receivedAt: number,
  priority: number,
  reason: DropReason,
  roomId?: string
): SpeechRecord {
  return {
    text: '',
    type: event.type,
    priority,
    eventId: event.id,
    eventIds: [event.id],
    receivedAt,
    cache: 'miss',
    dropped: reason,
    ...(roomId !== undefined ? { roomId } : {})
  }
}

/** A draft that waited for a line and was dropped: its own line's text. */
export function draftDropRecord(
  draft: SpeechDraft,
  reason: DropReason,
  cache: 'hit' | 'miss'
): SpeechRecord {
  return {
    text: draft.text,
    type: draft.type,
    priority: draft.priority,
    eventId: draft.eventId,
    eventIds: [draft.eventId],
    receivedAt: draft.receivedAt,
    cache,
    dropped: reason,
    ...(draft.system ? { system: true as const } : {}),
    ...(draft.roomId !== undefined ? { roomId: draft.roomId } : {}),
    ...(draft.replyTo !== undefined ? { replyTo: draft.replyTo } : {})
  }
}

/** The log line for a dropped record: failures warn, policy drops (stale, shed, full) inform. */
export function dropLogEntry(record: SpeechRecord, type: LineType): LogEntry {
  const reason = record.dropped!
  const what = record.text ? `"${record.text}"` : `${type} ${record.eventId}`
  return {
    code: 'dropped',
    level:
      reason === 'synth-failed' || reason === 'not-played' || reason === 'processing-failed'
        ? 'warn'
        : 'info',
    message: `dropped (${reason}): ${what}${record.detail ? `: ${record.detail}` : ''}`
  }
}
