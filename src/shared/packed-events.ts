import { EVENT_TYPES, type EventType, type LiveEvent } from './events'

/**
 * Live events as a processing task carries them to a thread: one flat array of strings and
 * numbers, each event's present fields in a fixed order behind a bit set that says which. A
 * structured clone of event objects writes and rebuilds every object and property name; this
 * writes the values only. Lossless for every LiveEvent field (packed-events.test.ts), so what a
 * thread may read does not depend on what was packed.
 */
export type PackedEvents = (string | number)[]

const enum Has {
  RoomId = 1 << 0,
  User = 1 << 1,
  Masked = 1 << 2,
  FansClubLevel = 1 << 3,
  Content = 1 << 4,
  Gift = 1 << 5,
  Diamonds = 1 << 6,
  Count = 1 << 7,
  Total = 1 << 8,
  Online = 1 << 9
}

const TYPE_INDEX = new Map<EventType, number>(EVENT_TYPES.map((type, i) => [type, i]))

export function packEvents(events: readonly LiveEvent[]): PackedEvents {
  const out: PackedEvents = [events.length]
  for (const e of events) {
    const { user, gift } = e
    let has = 0
    if (e.roomId !== undefined) has |= Has.RoomId
    if (user) has |= Has.User | (user.masked ? Has.Masked : 0)
    if (user?.fansClubLevel !== undefined) has |= Has.FansClubLevel
    if (e.content !== undefined) has |= Has.Content
    if (gift) has |= Has.Gift | (gift.diamonds !== undefined ? Has.Diamonds : 0)
    if (e.count !== undefined) has |= Has.Count
    if (e.total !== undefined) has |= Has.Total
    if (e.online !== undefined) has |= Has.Online
    out.push(has, TYPE_INDEX.get(e.type)!, e.id, e.ts)
    if (has & Has.RoomId) out.push(e.roomId!)
    if (user) out.push(user.id, user.nickname)
    if (has & Has.FansClubLevel) out.push(user!.fansClubLevel!)
    if (has & Has.Content) out.push(e.content!)
    if (gift) out.push(gift.id, gift.name, gift.count)
    if (has & Has.Diamonds) out.push(gift!.diamonds!)
    if (has & Has.Count) out.push(e.count!)
    if (has & Has.Total) out.push(e.total!)
    if (has & Has.Online) out.push(e.online!)
  }
  return out
}

/** The events of a packed batch; throws PackedEventsError when `packed` is not one. */
export function unpackEvents(packed: unknown): LiveEvent[] {
  if (!Array.isArray(packed)) throw new PackedEventsError('not an array')
  const values: unknown[] = packed
  let at = 0
  const next = <T extends 'string' | 'number'>(kind: T): T extends 'string' ? string : number => {
    const value = values[at++]
    if (typeof value !== kind) throw new PackedEventsError(`expected a ${kind} at ${at - 1}`)
    return value as T extends 'string' ? string : number
  }
  const n = next('number')
  const events: LiveEvent[] = []
  for (let i = 0; i < n; i++) {
    const has = next('number')
    const type = EVENT_TYPES[next('number')]
    if (type === undefined) throw new PackedEventsError(`unknown event type at ${at - 1}`)
    const event: LiveEvent = { type, id: next('string'), ts: next('number') }
    if (has & Has.RoomId) event.roomId = next('string')
    if (has & Has.User) {
      event.user = { id: next('string'), nickname: next('string') }
      if (has & Has.Masked) event.user.masked = true
      if (has & Has.FansClubLevel) event.user.fansClubLevel = next('number')
    }
    if (has & Has.Content) event.content = next('string')
    if (has & Has.Gift) {
      event.gift = { id: next('string'), name: next('string'), count: next('number') }
      if (has & Has.Diamonds) event.gift.diamonds = next('number')
    }
    if (has & Has.Count) event.count = next('number')
    if (has & Has.Total) event.total = next('number')
    if (has & Has.Online) event.online = next('number')
    events.push(event)
  }
  if (at !== values.length) throw new PackedEventsError(`${values.length - at} value(s) left over`)
  return events
}

/** A processing task whose events are not a packed batch: a protocol bug, said, never ignored. */
export class PackedEventsError extends Error {
  override name = 'PackedEventsError'
  readonly code = 'bad-packed-events'

  constructor(detail: string) {
    super(`packed events: ${detail}`)
  }
}
