import type { LiveUser } from '../../../shared/events'
import type { SourceEvent } from '../normalize/source-event'
import { parseJsonLossless } from './lossless-json'

/** A relay message we could not use. */
export class RelayDecodeError extends Error {
  override name = 'RelayDecodeError'
}

/** Room facts the relay tells us along the way. */
export interface RelayRoom {
  roomId?: string
  webRoomId?: string
  anchor?: string
}

/** The event (if the type is one we read) and any room facts the pack carried. */
export type RelayMapped = { event?: SourceEvent; room: RelayRoom }

type Obj = Record<string, unknown>

/** `PackMsgType` (douyin-protocol.md §6): 1 chat … 9 live ended. */
const TYPES = {
  1: 'chat',
  2: 'like',
  3: 'member',
  4: 'follow',
  5: 'gift',
  6: 'stats',
  7: 'fansclub',
  8: 'share',
  9: 'end'
} as const

/**
 * One BarrageGrab text frame → a SourceEvent. The pack is JSON whose `Data` is itself a JSON
 * string (double-encoded); both are parsed with 64-bit integers kept exact. Gift packs carry
 * increments (`GiftCount`) and the running total (`RepeatCount`); the normaliser folds them.
 */
export function mapBarrageGrabPack(
  text: string,
  now: number,
  fallbackId: () => string
): RelayMapped {
  let pack: unknown
  let data: unknown
  try {
    pack = parseJsonLossless(text)
    const raw = (pack as Obj | null)?.Data
    data = typeof raw === 'string' ? parseJsonLossless(raw) : raw
  } catch (err) {
    throw new RelayDecodeError(`not BarrageGrab JSON: ${(err as Error).message}`)
  }
  if (!isObj(pack) || !isObj(data)) throw new RelayDecodeError('pack without Type/Data objects')
  const type = TYPES[Number(pack.Type) as keyof typeof TYPES]
  const room: RelayRoom = {}
  if (typeof data.RoomId === 'string' && data.RoomId !== '') room.roomId = data.RoomId
  if (typeof data.WebRoomId === 'string' && data.WebRoomId !== '') room.webRoomId = data.WebRoomId
  const owner = data.Onwer // sic: BarrageGrab's spelling
  if (isObj(owner) && typeof owner.Nickname === 'string') room.anchor = owner.Nickname
  if (type === undefined) return { room }

  const msgId = idOf(data.MsgId)
  const e: SourceEvent = { type, id: msgId !== '' && msgId !== '0' ? msgId : fallbackId(), ts: now }
  if (room.roomId !== undefined) e.roomId = room.roomId
  const user = userOf(data.User)
  if (user !== undefined) e.user = user
  const content = typeof data.Content === 'string' ? data.Content : undefined
  switch (type) {
    case 'chat':
    case 'fansclub':
    case 'end':
      if (content !== undefined) e.content = content
      break
    case 'like':
      e.count = countOf(data.Count) || 1
      e.total = countOf(data.Total)
      break
    case 'stats':
      e.online = countOf(data.OnlineUserCount)
      break
    case 'gift': {
      const total = countOf(data.RepeatCount)
      const increment = countOf(data.GiftCount)
      e.gift = {
        id: idOf(data.GiftId),
        name: typeof data.GiftName === 'string' ? data.GiftName : '',
        count: Math.max(total, increment, 1)
      }
      const diamonds = countOf(data.DiamondCount)
      if (diamonds > 0) e.gift.diamonds = diamonds
      e.combo = {
        groupId: idOf(data.GroupId) || '0',
        total: total > 0 ? total : undefined,
        increment: increment > 0 ? increment : undefined,
        comboable: data.Combo === true,
        // BarrageGrab swallows repeat_end summaries; combos end on the normaliser's idle timeout.
        end: false
      }
      break
    }
  }
  return { event: e, room }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A 64-bit id as a decimal string (the parser already kept big ones as strings). */
function idOf(v: unknown): string {
  if (typeof v === 'string') return /^-?\d{1,20}$/.test(v) ? v : ''
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v)
  return ''
}

function countOf(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0)
    return Math.min(Math.floor(v), Number.MAX_SAFE_INTEGER)
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number.MAX_SAFE_INTEGER // only huge ints stay strings
  return 0
}

function userOf(v: unknown): LiveUser | undefined {
  if (!isObj(v)) return undefined
  const id = idOf(v.Id)
  const fallback =
    typeof v.SecUid === 'string' ? v.SecUid : typeof v.DisplayId === 'string' ? v.DisplayId : '0'
  return {
    id: id !== '' && id !== '0' ? id : fallback,
    nickname: typeof v.Nickname === 'string' ? v.Nickname : ''
  }
}
