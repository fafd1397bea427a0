/**
 * The live-room event model. Every source (demo, replay, Douyin, relay) emits these, `--events-out`
 * writes them one per line, and `replay:` reads them back. The JSON field names are a public contract.
 * 64-bit ids (users, gifts, messages, rooms) are decimal strings: they do not fit a JS number.
 */
export const EVENT_TYPES = [
  'chat',
  'gift',
  'like',
  'member',
  'follow',
  'share',
  'stats',
  'fansclub',
  'end'
] as const

export type EventType = (typeof EVENT_TYPES)[number]

export interface LiveUser {
  id: string
  nickname: string
  /** Set when the platform masked the name (`用户****`, `薛***`), so templates can read it naturally. */
  masked?: boolean
  /** Fans-club level in this room, when the platform says (0 = not a member). */
  fansClubLevel?: number
}

export interface LiveGift {
  id: string
  name: string
  /** Total of the combo, not the increment. */
  count: number
  /** Unit price in Douyin diamonds, when known. */
  diamonds?: number
}

export interface LiveEvent {
  type: EventType
  id: string
  /** Epoch ms: when the platform says it happened (or when we received it, if it does not say). */
  ts: number
  roomId?: string
  user?: LiveUser
  /** Chat text. */
  content?: string
  gift?: LiveGift
  /** Likes in this event (like). */
  count?: number
  /** Room like total (like). */
  total?: number
  /** Viewers online (stats). */
  online?: number
}

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value)
}

const DECIMAL_ID = /^[0-9A-Za-z_:.-]{1,64}$/

/**
 * Validates an untrusted object (a replay line, a relay message) as a LiveEvent.
 * Returns the event, or a message naming the first bad field.
 */
export function parseLiveEvent(
  input: unknown
): { ok: true; event: LiveEvent } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'event must be a JSON object' }
  }
  const o = input as Record<string, unknown>
  if (!isEventType(o.type))
    return { ok: false, error: `type: expected one of ${EVENT_TYPES.join('|')}` }
  if (typeof o.id !== 'string' || !DECIMAL_ID.test(o.id))
    return { ok: false, error: 'id: expected a string id' }
  if (typeof o.ts !== 'number' || !Number.isFinite(o.ts) || o.ts < 0) {
    return { ok: false, error: 'ts: expected epoch milliseconds' }
  }
  const event: LiveEvent = { type: o.type, id: o.id, ts: o.ts }
  if (o.roomId !== undefined) {
    if (typeof o.roomId !== 'string') return { ok: false, error: 'roomId: expected a string' }
    event.roomId = o.roomId
  }
  if (o.user !== undefined) {
    const u = o.user as Record<string, unknown> | null
    if (
      typeof u !== 'object' ||
      u === null ||
      typeof u.id !== 'string' ||
      typeof u.nickname !== 'string'
    ) {
      return { ok: false, error: 'user: expected {id: string, nickname: string}' }
    }
    event.user = { id: u.id, nickname: u.nickname }
    if (u.masked === true) event.user.masked = true
    if (u.fansClubLevel !== undefined) {
      if (!isCount(u.fansClubLevel, 0))
        return { ok: false, error: 'user.fansClubLevel: expected an integer >= 0' }
      event.user.fansClubLevel = u.fansClubLevel
    }
  }
  if (o.content !== undefined) {
    if (typeof o.content !== 'string') return { ok: false, error: 'content: expected a string' }
    event.content = o.content
  }
  if (o.gift !== undefined) {
    const g = o.gift as Record<string, unknown> | null
    if (
      typeof g !== 'object' ||
      g === null ||
      typeof g.id !== 'string' ||
      typeof g.name !== 'string' ||
      !isCount(g.count)
    ) {
      return { ok: false, error: 'gift: expected {id: string, name: string, count: integer >= 1}' }
    }
    event.gift = { id: g.id, name: g.name, count: g.count }
    if (g.diamonds !== undefined) {
      if (!isCount(g.diamonds, 0))
        return { ok: false, error: 'gift.diamonds: expected an integer >= 0' }
      event.gift.diamonds = g.diamonds
    }
  }
  for (const key of ['count', 'total', 'online'] as const) {
    if (o[key] === undefined) continue
    if (!isCount(o[key], 0)) return { ok: false, error: `${key}: expected an integer >= 0` }
    event[key] = o[key]
  }
  return { ok: true, event }
}

function isCount(value: unknown, min = 1): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min
}

/** The event with its fields in the contract's order, so recordings compare byte for byte. */
export function canonicalEvent(e: LiveEvent): LiveEvent {
  const out: LiveEvent = { type: e.type, id: e.id, ts: e.ts }
  if (e.roomId !== undefined) out.roomId = e.roomId
  if (e.user) {
    out.user = {
      id: e.user.id,
      nickname: e.user.nickname,
      ...(e.user.masked ? { masked: true } : {}),
      ...(e.user.fansClubLevel !== undefined ? { fansClubLevel: e.user.fansClubLevel } : {})
    }
  }
  if (e.content !== undefined) out.content = e.content
  if (e.gift)
    out.gift = {
      id: e.gift.id,
      name: e.gift.name,
      count: e.gift.count,
      ...(e.gift.diamonds !== undefined ? { diamonds: e.gift.diamonds } : {})
    }
  if (e.count !== undefined) out.count = e.count
  if (e.total !== undefined) out.total = e.total
  if (e.online !== undefined) out.online = e.online
  return out
}
