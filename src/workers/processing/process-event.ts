import type { LiveEvent } from '../../shared/events'
import {
  chooseVariants,
  parseTemplate,
  seededRandom
} from '../../shared/settings-schema/template-syntax'
import type { SpeechDraft } from '../../shared/speech'
import type {
  ProcessingConfig,
  ProcessOutcome,
  ReceivedEvent,
  Spoken,
  Words
} from '../../shared/worker-protocol'
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
  const spoken = speak(event, config)
  if (typeof spoken === 'string')
    return { ok: false, eventId: event.id, type: event.type, reason: spoken }
  return { ok: true, draft: draftOf(event, receivedAt, spoken, config) }
}

/**
 * The string work for one event (filters, normalising, template, blocked words): the words to
 * say, or why there are none. This is what a processing thread does and sends back; the draft's
 * other fields come from the event and the settings, which the main thread holds already.
 */
export function speak(event: LiveEvent, config: ProcessingConfig): Spoken {
  const rules = config.events[event.type]
  if (!rules.enabled) return 'type-off'
  if (listed(config.filter.blockedUsers, event.user)) return 'blocked-user'
  const allowed = listed(config.filter.allowedUsers, event.user)
  if (config.shedLevel >= 4 && !ESSENTIAL.has(event.type) && !allowed) return 'shed'

  const giftValue = valueOf(event)
  if (!allowed) {
    if (
      event.type === 'chat' &&
      config.filter.minFansClubLevel > 0 &&
      (event.user?.fansClubLevel ?? 0) < config.filter.minFansClubLevel
    )
      return 'below-threshold'
    if (
      event.type === 'gift' &&
      config.filter.minGiftDiamonds > 0 &&
      giftValue < config.filter.minGiftDiamonds
    )
      return 'below-threshold'
  }

  const maxLength =
    config.shedLevel >= 2 ? Math.min(config.filter.maxLength, 20) : config.filter.maxLength
  const maxRepeat = config.filter.maxRepeat
  let content = ''
  if (event.type === 'chat') {
    content = verbalize(normalizeSpeech(event.content ?? '', { maxLength: 500, maxRepeat }))
    if (content === '') return 'empty'
    if (codePoints(content, config.filter.minLength) < config.filter.minLength) return 'too-short'
    content = normalizeSpeech(content, { maxLength, maxRepeat })
  }
  const values = templateValues(event, content)
  const person = event.user ? personOf(config.users, event.user.id) : undefined
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
  if (text === '') return 'empty'
  const blocked = config.filter.blockedWords
  const isBlocked = (words: string) =>
    blocked.length > 0 &&
    (containsBlockedWord(words, blocked) ||
      (config.filter.blockedPinyin && containsHomophone(words, blocked)))
  if (isBlocked(text)) return 'blocked-word'
  const words: Words = { text }
  if (event.type === 'chat') words.content = content
  // What merged lines may say about this event: a name that would be refused is left out.
  if (event.user && !isBlocked(values.user)) words.who = values.user
  if (event.gift) words.gift = values.gift ?? '礼物'
  if (allowed) words.allowed = true
  if (tier?.bigGift) words.big = true
  return words
}

/** The speech draft for an event that has words: the rest comes from the event and the settings. */
export function draftOf(
  event: LiveEvent,
  receivedAt: number,
  words: Words,
  config: ProcessingConfig
): SpeechDraft {
  const rules = config.events[event.type]
  const person = event.user ? personOf(config.users, event.user.id) : undefined
  // Built field by field (same key order as before): conditional spreads allocate a temporary each.
  const draft: SpeechDraft = {
    text: words.text,
    type: event.type,
    priority: rules.priority,
    eventId: event.id,
    receivedAt
  }
  if (event.user) draft.userId = event.user.id
  if (words.content !== undefined) draft.dedupeKey = words.content
  if (words.allowed) draft.allowed = true
  draft.voice = person?.voice || rules.voice
  draft.rate = rules.rate
  draft.volume = rules.volume
  if (words.who !== undefined) draft.who = words.who
  if (event.gift)
    draft.gift = { name: words.gift ?? '礼物', count: event.gift.count, value: valueOf(event) }
  if (words.big) draft.big = true
  return draft
}

type People = ProcessingConfig['users']
const people = new WeakMap<People, Map<string, People[string]>>()

/**
 * The per-user settings of `userId`, from a Map made once per settings object: reading the
 * settings object with a new id each event cost ~0.5 µs (V8 interns every key it is read with),
 * a Map ~0.1, and nothing when no user has settings.
 */
function personOf(users: People, userId: string): People[string] | undefined {
  let byId = people.get(users)
  if (!byId) {
    byId = new Map(Object.entries(users))
    people.set(users, byId)
  }
  return byId.size === 0 ? undefined : byId.get(userId)
}

/** A gift's combo value in diamonds (0 for other events, or when the price is unknown). */
const valueOf = (event: LiveEvent) =>
  event.gift ? (event.gift.diamonds ?? 0) * event.gift.count : 0

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
