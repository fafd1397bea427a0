import type { LiveEvent } from '../../shared/events'
import type { Settings } from '../../shared/settings'
import type { DropReason, SpeechDraft } from '../../shared/speech'
import { containsBlockedWord, normalizeSpeech } from './normalize'
import { renderTemplate, templateValues } from './templates'

/** What the processing stage needs from the settings (sent with each batch). */
export type ProcessingConfig = Pick<Settings, 'events' | 'filter'>

export interface ReceivedEvent {
  event: LiveEvent
  receivedAt: number
}

export type ProcessOutcome =
  | { ok: true; draft: SpeechDraft }
  | { ok: false; eventId: string; type: LiveEvent['type']; reason: DropReason }

/** Event → line of speech, or the reason there is none. Pure. */
export function processEvent(input: ReceivedEvent, config: ProcessingConfig): ProcessOutcome {
  const { event, receivedAt } = input
  const rules = config.events[event.type]
  const drop = (reason: DropReason): ProcessOutcome => ({ ok: false, eventId: event.id, type: event.type, reason })
  if (!rules.enabled) return drop('type-off')

  const norm = { maxLength: config.filter.maxLength, maxRepeat: config.filter.maxRepeat }
  let content = ''
  if (event.type === 'chat') {
    content = normalizeSpeech(event.content ?? '', norm)
    if (content === '') return drop('empty')
  }
  const values = templateValues(event, content)
  // Names and gift names are untrusted too: same clean-up, shorter cap.
  values.user = normalizeSpeech(values.user ?? '', { maxLength: 16, maxRepeat: norm.maxRepeat }) || '有人'
  values.gift = normalizeSpeech(values.gift ?? '', { maxLength: 16, maxRepeat: norm.maxRepeat }) || '礼物'

  const text = renderTemplate(rules.template, values).trim()
  if (text === '') return drop('empty')
  if (containsBlockedWord(text, config.filter.blockedWords)) return drop('blocked-word')
  return {
    ok: true,
    draft: { text, type: event.type, priority: rules.priority, eventId: event.id, receivedAt }
  }
}
