import type { LiveUser } from '../../../shared/events'
import { socialEventType } from '../normalize/social'
import type { SourceEvent } from '../normalize/source-event'
import { FrameDecodeError } from './frames'
import {
  count,
  decodeAs,
  T,
  u64,
  type PbCommon,
  type PbMessage,
  type PbUser,
  type U64
} from './proto/codec'

/** The outcome of one Message: an event (live end included, as type `end`), or nothing to emit. */
export type Mapped = { kind: 'event'; event: SourceEvent } | { kind: 'ignored' }

const METHOD_NAME = /^Webcast[A-Za-z0-9]{1,80}$/

interface WithCommon {
  common: PbCommon | null
}

type Handler = (payload: Uint8Array, base: Base) => SourceEvent | undefined

interface Base {
  id: string
  ts: number
  roomId?: string
  /** The wrapper had no msg_id: take Common.msg_id if there is one. */
  idIsFallback: boolean
}

/**
 * Turns one `Message` of a Response into a SourceEvent (douyin-protocol.md §3). Throws
 * FrameDecodeError for a malformed payload or a method name that is not a method name; returns
 * `ignored` for well-formed methods we do not read aloud (rank lists, banners, link-mic…).
 */
export function mapMessage(message: PbMessage, now: number, fallbackId: () => string): Mapped {
  const handler = HANDLERS[message.method]
  if (handler === undefined) {
    if (!METHOD_NAME.test(message.method)) {
      throw new FrameDecodeError(
        'bad-method',
        `not a method name: ${JSON.stringify(message.method.slice(0, 40))}`
      )
    }
    return { kind: 'ignored' }
  }
  const msgId = u64(message.msgId)
  const base: Base = {
    id: msgId !== '0' ? msgId : fallbackId(),
    ts: now,
    idIsFallback: msgId === '0'
  }
  let event: SourceEvent | undefined
  try {
    event = handler(message.payload, base)
  } catch (err) {
    throw new FrameDecodeError('message', `${message.method}: ${(err as Error).message}`)
  }
  return event === undefined ? { kind: 'ignored' } : { kind: 'event', event }
}

/** Reads Common for the timestamp, room and (when the wrapper had none) the message id. */
function withCommon<M extends WithCommon>(
  t: Parameters<typeof decodeAs>[0],
  payload: Uint8Array,
  base: Base
) {
  const m = decodeAs<M>(t, payload)
  const c = m.common
  if (c !== null && c !== undefined) {
    const created = count(c.createTime)
    // create_time's unit is unverified [U]: accept seconds or ms.
    if (created > 0) base.ts = created < 1e11 ? created * 1000 : created
    const room = u64(c.roomId)
    if (room !== '0') base.roomId = room
    const common = u64(c.msgId)
    if (base.idIsFallback && common !== '0') base.id = common
  }
  return m
}

function user(u: PbUser | null | undefined): LiveUser | undefined {
  if (u === null || u === undefined) return undefined
  const id = u64(u.id)
  return { id: id !== '0' ? id : u.idStr || u.secUid || '0', nickname: u.nickname }
}

function make(type: SourceEvent['type'], base: Base, extra: Partial<SourceEvent>): SourceEvent {
  const e: SourceEvent = { type, id: base.id, ts: base.ts, ...extra }
  if (base.roomId !== undefined) e.roomId = base.roomId
  if (e.user === undefined) delete e.user
  return e
}

interface Chat extends WithCommon {
  user: PbUser | null
  content: string
}
interface Emoji extends WithCommon {
  user: PbUser | null
  defaultContent: string
}
interface Like extends WithCommon {
  user: PbUser | null
  count: U64
  total: U64
}
interface Member extends WithCommon {
  user: PbUser | null
}
interface Social extends WithCommon {
  user: PbUser | null
  action: U64
}
interface UserSeq extends WithCommon {
  total: U64
}
interface Stats extends WithCommon {
  displayValue: U64
}
interface Fansclub extends WithCommon {
  user: PbUser | null
  content: string
}
interface Control extends WithCommon {
  action: U64
  tips: string
}
interface Gift extends WithCommon {
  giftId: U64
  groupCount: U64
  repeatCount: U64
  comboCount: U64
  user: PbUser | null
  repeatEnd: number
  groupId: U64
  gift: { id: U64; name: string; combo: boolean; diamondCount: number } | null
}

const HANDLERS: Record<string, Handler> = {
  WebcastChatMessage: (p, b) => {
    const m = withCommon<Chat>(T.ChatMessage, p, b)
    return make('chat', b, { user: user(m.user), content: m.content })
  },
  WebcastEmojiChatMessage: (p, b) => {
    const m = withCommon<Emoji>(T.EmojiChatMessage, p, b)
    return make('chat', b, { user: user(m.user), content: m.defaultContent })
  },
  WebcastGiftMessage: (p, b) => giftEvent(withCommon<Gift>(T.GiftMessage, p, b), b),
  WebcastLikeMessage: (p, b) => {
    const m = withCommon<Like>(T.LikeMessage, p, b)
    return make('like', b, { user: user(m.user), count: count(m.count), total: count(m.total) })
  },
  WebcastMemberMessage: (p, b) => {
    const m = withCommon<Member>(T.MemberMessage, p, b)
    return make('member', b, { user: user(m.user) })
  },
  WebcastSocialMessage: (p, b) => {
    const m = withCommon<Social>(T.SocialMessage, p, b)
    const type = socialEventType(count(m.action))
    return type === undefined ? undefined : make(type, b, { user: user(m.user) })
  },
  WebcastRoomUserSeqMessage: (p, b) => {
    const m = withCommon<UserSeq>(T.RoomUserSeqMessage, p, b)
    return make('stats', b, { online: count(m.total) })
  },
  WebcastRoomStatsMessage: (p, b) => {
    const m = withCommon<Stats>(T.RoomStatsMessage, p, b)
    const online = count(m.displayValue)
    return online > 0 ? make('stats', b, { online }) : undefined
  },
  WebcastFansclubMessage: (p, b) => {
    const m = withCommon<Fansclub>(T.FansclubMessage, p, b)
    return make('fansclub', b, { user: user(m.user), content: m.content })
  },
  WebcastControlMessage: (p, b) => {
    const m = withCommon<Control>(T.ControlMessage, p, b)
    // 3 = the live ended [X]; other actions are not documented.
    return count(m.action) === 3 ? make('end', b, { content: m.tips || '直播已结束' }) : undefined
  }
}

/** count = repeat_count, else combo_count × group_count (douyin-protocol.md §4). */
function giftEvent(m: Gift, b: Base): SourceEvent {
  const repeat = count(m.repeatCount)
  const total = repeat > 0 ? repeat : count(m.comboCount) * Math.max(count(m.groupCount), 1)
  const giftId = u64(m.giftId) !== '0' ? u64(m.giftId) : u64(m.gift?.id)
  const gift: NonNullable<SourceEvent['gift']> = {
    id: giftId,
    name: m.gift?.name ?? '',
    count: Math.max(total, 1)
  }
  if (m.gift !== null && m.gift !== undefined && m.gift.diamondCount > 0)
    gift.diamonds = m.gift.diamondCount
  return make('gift', b, {
    user: user(m.user),
    gift,
    combo: {
      groupId: u64(m.groupId),
      total: total > 0 ? total : undefined,
      comboable: m.gift?.combo ?? false,
      end: m.repeatEnd === 1
    }
  })
}
