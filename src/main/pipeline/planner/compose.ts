import type { EventType } from '../../../shared/events'
import type { GroupWording, MergeWording } from '../../../shared/settings-schema/plan-settings'
import {
  chooseVariants,
  parseTemplate,
  seededRandom,
  type TemplatePart
} from '../../../shared/settings-schema/template-syntax'
import type { LineType, SpeechDraft } from '../../../shared/speech'
import { renderTemplate } from '../../../workers/processing/templates'

/**
 * Pure wording of merged lines: several pending events of one kind become one line. No name is read
 * twice, names beyond the limit become "等N位朋友", and a gift line names the biggest givers first.
 */

/** Types whose events can share one line; the others (chats, stats, the end) are read one by one. */
export const MERGEABLE: ReadonlySet<LineType> = new Set<LineType>([
  'gift',
  'follow',
  'member',
  'fansclub',
  'share',
  'like'
])

export interface WordingOptions {
  wording: MergeWording
  /** Names read before "等N位" (0 = none). */
  namesLimit: number
  /** Names read at all (`speech.readNames`). */
  readNames: boolean
}

/** Items a one-person or big-gift list reads before it stops (the rest are still covered). */
const MAX_ITEMS = 4

/** One line for `drafts` (arrival order, all of `type`): the draft's own text when there is one. */
export function composeLine(
  type: LineType,
  drafts: readonly SpeechDraft[],
  options: WordingOptions
): string {
  if (drafts.length === 1) return drafts[0]!.text
  if (type === 'gift') return composeGifts(drafts, options)
  if (type === 'reply') return drafts.map((d) => d.text).join('。')
  return composeGroup(groupWording(type, options.wording), drafts, options, {})
}

/** Several big gifts in one line, each with its sender ("感谢A的跑车和B的2个嘉年华"); one name once. */
export function composeBigGifts(drafts: readonly SpeechDraft[], options: WordingOptions): string {
  if (drafts.length === 1) return drafts[0]!.text
  const w = options.wording
  const seed = drafts[0]!.eventId
  // "跑车" for one, "3个墨镜" for several: a shared line stays short.
  const giftText = (d: SpeechDraft) => {
    const gift = d.gift?.name ?? ''
    const count = d.gift?.count ?? 1
    return count > 1 ? render(w.giftItem, { count: String(count), gift }, seed) : gift
  }
  const byGiver = new Map<string, { who: string | undefined; gifts: string[] }>()
  for (const d of drafts) {
    const key = d.userId ?? `event:${d.eventId}`
    const giver = byGiver.get(key) ?? { who: d.who, gifts: [] }
    giver.gifts.push(giftText(d))
    byGiver.set(key, giver)
  }
  const items = [...byGiver.values()].slice(0, MAX_ITEMS).map(({ who, gifts }) => {
    const list = joinList(gifts, w.itemSeparator, w.itemLastSeparator)
    return options.readNames && who ? render(w.bigGiftItem, { user: who, gifts: list }, seed) : list
  })
  return render(w.bigGifts, { items: joinList(items, w.itemSeparator, w.itemLastSeparator) }, seed)
}

function composeGifts(drafts: readonly SpeechDraft[], options: WordingOptions): string {
  const w = options.wording
  const seed = drafts[0]!.eventId
  const givers = byPerson(drafts)
  if (givers.length === 1 && options.readNames && givers[0]!.who) {
    // One person's several gifts: "感谢A送的3个小心心和1个玫瑰", the most valuable first.
    const totals = new Map<string, { count: number; value: number }>()
    for (const d of drafts) {
      const name = d.gift?.name ?? ''
      const t = totals.get(name) ?? { count: 0, value: 0 }
      t.count += d.gift?.count ?? 1
      t.value += d.gift?.value ?? 0
      totals.set(name, t)
    }
    const items = [...totals]
      .sort((a, b) => b[1].value - a[1].value)
      .slice(0, MAX_ITEMS)
      .map(([gift, t]) => render(w.giftItem, { count: String(t.count), gift }, seed))
    return render(
      w.giftOneUser,
      { user: givers[0]!.who, gifts: joinList(items, w.itemSeparator, w.itemLastSeparator) },
      seed
    )
  }
  const giftNames = new Set(drafts.map((d) => d.gift?.name ?? ''))
  if (giftNames.size === 1) {
    return composeGroup(w.giftSame, drafts, options, { gift: [...giftNames][0]! }, givers)
  }
  return composeGroup(w.gift, drafts, options, {}, givers)
}

interface Person {
  key: string
  who: string | undefined
  value: number
}

/** Distinct people in arrival order (a person's value is the sum of their gifts). */
function byPerson(drafts: readonly SpeechDraft[]): Person[] {
  const people = new Map<string, Person>()
  for (const d of drafts) {
    const key = d.userId ?? `event:${d.eventId}`
    const p = people.get(key) ?? { key, who: d.who, value: 0 }
    p.value += d.gift?.value ?? 0
    p.who ??= d.who
    people.set(key, p)
  }
  return [...people.values()]
}

function composeGroup(
  wording: GroupWording,
  drafts: readonly SpeechDraft[],
  options: WordingOptions,
  extra: Record<string, string>,
  people: Person[] = byPerson(drafts)
): string {
  const w = options.wording
  // Gift lines name the biggest givers first; others keep arrival order. A name is read once.
  const ordered = drafts[0]?.gift ? [...people].sort((a, b) => b.value - a.value) : people
  const names: string[] = []
  const seen = new Set<string>()
  if (options.readNames) {
    for (const p of ordered) {
      if (names.length >= options.namesLimit) break
      if (!p.who || seen.has(p.who)) continue
      seen.add(p.who)
      names.push(p.who)
    }
  }
  const total = people.length
  const everyone = names.length >= total
  const values = {
    ...extra,
    // "A, B and C" when everyone is named; "A, B, C" before the wording's own "and 2 others".
    names: joinList(names, w.nameSeparator, everyone ? w.nameLastSeparator : w.nameSeparator),
    people: String(total),
    others: String(total - names.length)
  }
  const seed = drafts[0]?.eventId ?? ''
  if (names.length === 0) return render(wording.none, values, seed)
  return render(everyone ? wording.all : wording.some, values, seed)
}

function groupWording(type: EventType, wording: MergeWording): GroupWording {
  switch (type) {
    case 'follow':
      return wording.follow
    case 'member':
      return wording.member
    case 'fansclub':
      return wording.fansclub
    case 'share':
      return wording.share
    case 'like':
      return wording.like
    default:
      return wording.gift
  }
}

/** `A、B、C` / `A, B and C`. */
export function joinList(items: readonly string[], separator: string, last: string): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(separator)}${last}${items.at(-1)}`
}

/** Every placeholder a merged-line wording may use (settings validated each one already). */
const WORDING_FIELDS = ['names', 'people', 'others', 'gift', 'user', 'gifts', 'count', 'items']
const parsed = new Map<string, TemplatePart[]>()

/** Fills a wording; variants (`[感谢|谢谢]`) are chosen reproducibly from the first event's id. */
function render(template: string, values: Record<string, string>, seed: string): string {
  let parts = parsed.get(template)
  if (!parts) {
    parts = parseTemplate(template, WORDING_FIELDS)
    if (parsed.size > 200) parsed.clear()
    parsed.set(template, parts)
  }
  return renderTemplate(chooseVariants(parts, seededRandom(seed)), values).trim()
}
