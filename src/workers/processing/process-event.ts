import type { LiveEvent } from '../../shared/events'
import {
  chooseVariants,
  parseTemplate,
  seededRandom
} from '../../shared/settings-schema/template-syntax'
import type { DropReason, SpeechDraft } from '../../shared/speech'
import type { ProcessingConfig, ProcessOutcome, ReceivedEvent } from '../../shared/worker-protocol'
import { containsBlockedWord, normalizeSpeech } from './normalize'
import { containsHomophone } from './pinyin-match'
import { renderTemplate, templateValues } from './templates'
import { verbalize } from './verbalize'

/** Types still read at shedding level 4. */
const ESSENTIAL = new Set<LiveEvent['type']>(['gift', 'follow', 'fansclub', 'end'])
const templates = new Map<string, ReturnType<typeof parseTemplate>>()

function render(template: string, values: Record<string, string>, seed: string): string {
  let parts = templates.get(template)
  if (!parts) {
    parts = parseTemplate(template)
    if (templates.size > 500) templates.clear()
    templates.set(template, parts)
  }
  return renderTemplate(chooseVariants(parts, seededRandom(seed)), values)
}

const listed = (list: readonly string[], user: LiveEvent['user']) =>
  !!user && (list.includes(user.id) || list.includes(user.nickname))

/** Event → line of speech, or the reason there is none. Pure. */
export function processEvent(input: ReceivedEvent, config: ProcessingConfig): ProcessOutcome {
  const { event, receivedAt } = input
  const rules = config.events[event.type]
  const drop = (reason: DropReason): ProcessOutcome => ({
    ok: false,
    eventId: event.id,
    type: event.type,
    reason
  })
  if (!rules.enabled) return drop('type-off')
  if (listed(config.filter.blockedUsers, event.user)) return drop('blocked-user')
  const allowed = listed(config.filter.allowedUsers, event.user)
  if (config.shedLevel >= 4 && !ESSENTIAL.has(event.type) && !allowed) return drop('shed')

  const giftValue = event.gift ? (event.gift.diamonds ?? 0) * event.gift.count : 0
  if (!allowed) {
    if (
      event.type === 'chat' &&
      config.filter.minFansClubLevel > 0 &&
      (event.user?.fansClubLevel ?? 0) < config.filter.minFansClubLevel
    )
      return drop('below-threshold')
    if (
      event.type === 'gift' &&
      config.filter.minGiftDiamonds > 0 &&
      giftValue < config.filter.minGiftDiamonds
    )
      return drop('below-threshold')
  }

  const maxLength =
    config.shedLevel >= 2 ? Math.min(config.filter.maxLength, 20) : config.filter.maxLength
  const maxRepeat = config.filter.maxRepeat
  let content = ''
  if (event.type === 'chat') {
    content = verbalize(normalizeSpeech(event.content ?? '', { maxLength: 500, maxRepeat }))
    if (content === '') return drop('empty')
    if (codePoints(content, config.filter.minLength) < config.filter.minLength)
      return drop('too-short')
    content = normalizeSpeech(content, { maxLength, maxRepeat })
  }
  const values = templateValues(event, content)
  const person = event.user ? config.users[event.user.id] : undefined
  // Names and gift names are untrusted too: same clean-up, shorter cap.
  values.user =
    person?.readAs || normalizeSpeech(values.user ?? '', { maxLength: 16, maxRepeat }) || '有人'
  // Without a gift the value is the fixed word 礼物, which normalises to itself.
  if (event.gift)
    values.gift = normalizeSpeech(values.gift ?? '', { maxLength: 16, maxRepeat }) || '礼物'

  const withNames = config.speech.readNames && config.shedLevel < 1
  let template = withNames ? rules.template : rules.templateNoName
  const tier =
    event.type === 'gift'
      ? config.giftTiers
          .filter((t) => giftValue >= t.minDiamonds)
          .sort((a, b) => b.minDiamonds - a.minDiamonds)[0]
      : undefined
  if (tier && withNames) template = tier.template
  const text = render(template, values, event.id).trim()
  if (text === '') return drop('empty')
  const blocked = config.filter.blockedWords
  const isBlocked = (words: string) =>
    blocked.length > 0 &&
    (containsBlockedWord(words, blocked) ||
      (config.filter.blockedPinyin && containsHomophone(words, blocked)))
  if (isBlocked(text)) return drop('blocked-word')
  // What merged lines may say about this event: a name that would be refused is left out.
  const who = event.user && !isBlocked(values.user) ? values.user : undefined
  // Built field by field (same key order as before): conditional spreads allocate a temporary each.
  const draft: SpeechDraft = {
    text,
    type: event.type,
    priority: rules.priority,
    eventId: event.id,
    receivedAt
  }
  if (event.user) draft.userId = event.user.id
  if (event.type === 'chat') draft.dedupeKey = content
  if (allowed) draft.allowed = true
  draft.voice = person?.voice || rules.voice
  draft.rate = rules.rate
  draft.volume = rules.volume
  if (who !== undefined) draft.who = who
  if (event.gift)
    draft.gift = { name: values.gift ?? '礼物', count: event.gift.count, value: giftValue }
  if (tier?.bigGift) draft.big = true
  return { ok: true, draft }
}

/** Code points in `text`, counting no further than `enough`. */
function codePoints(text: string, enough: number): number {
  if (text.length < enough) return text.length
  let n = 0
  for (let i = 0; i < text.length && n < enough; i++, n++) {
    const c = text.charCodeAt(i)
    const next = text.charCodeAt(i + 1)
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++
  }
  return n
}
