import { socialEventType } from '../normalize/social'
import type { SourceEvent } from '../normalize/source-event'
import { FrameDecodeError } from './frames'
import type { LiveUser } from '../../../shared/events'
import { commonMsgId, readFields, type WireFields } from './proto/webcast-messages'
import { SPECS, type MessageSpec } from './proto/field-tables'
import type { WireMessage } from './proto/webcast-wire'

const METHOD_NAME = /^Webcast[A-Za-z0-9]{1,80}$/

type Handler = (message: WireMessage, base: Base) => SourceEvent | undefined

interface Base {
  id: string
  ts: number
  roomId: string | undefined
  /** The wrapper had no msg_id: take Common.msg_id if there is one. */
  idIsFallback: boolean
}

/**
 * Turns one `Message` of a Response into a SourceEvent (douyin-protocol.md §3; live end included,
 * as type `end`). Throws FrameDecodeError for a malformed payload or a method name that is not a
 * method name; returns undefined for well-formed methods we do not read aloud (rank lists,
 * banners, link-mic…) and for messages that say nothing to read.
 */
export function mapMessage(
  message: WireMessage,
  now: number,
  fallbackId: (now: number) => string
): SourceEvent | undefined {
  const handler = HANDLERS[message.method]
  if (handler === undefined) {
    if (!METHOD_NAME.test(message.method)) {
      throw new FrameDecodeError(
        'bad-method',
        `not a method name: ${JSON.stringify(message.method.slice(0, 40))}`
      )
    }
    return undefined
  }
  const msgId = message.msgId
  const fallback = msgId === '0'
  const base: Base = {
    id: fallback ? fallbackId(now) : msgId,
    ts: now,
    roomId: undefined,
    idIsFallback: fallback
  }
  try {
    return handler(message, base)
  } catch (err) {
    throw new FrameDecodeError('message', `${message.method}: ${(err as Error).message}`)
  }
}

/** Reads the message's fields; Common gives the timestamp, room and (when needed) the id. */
function withCommon(spec: MessageSpec, message: WireMessage, base: Base): WireFields {
  const m = readFields(message.buf, message.start, message.end, spec)
  if (m.hasCommon) {
    const created = m.createTime
    // create_time's unit is unverified [U]: accept seconds or ms.
    if (created > 0) base.ts = created < 1e11 ? created * 1000 : created
    if (m.roomId !== '0') base.roomId = m.roomId
    if (base.idIsFallback && (m.msgIdLo !== 0 || m.msgIdHi !== 0)) base.id = commonMsgId(m)
  }
  return m
}

/** The event's head: type, id, time, and the user when the message named one. */
function make(type: SourceEvent['type'], base: Base, user?: LiveUser): SourceEvent {
  const e: SourceEvent = { type, id: base.id, ts: base.ts }
  if (user !== undefined) e.user = user
  return e
}

/** The room goes last, as it always did, so events keep one key order per type. */
function done(e: SourceEvent, base: Base): SourceEvent {
  if (base.roomId !== undefined) e.roomId = base.roomId
  return e
}

const HANDLERS: Record<string, Handler> = {
  WebcastChatMessage: (p, b) => {
    const m = withCommon(SPECS.ChatMessage, p, b)
    const e = make('chat', b, m.user)
    e.content = m.text
    return done(e, b)
  },
  WebcastEmojiChatMessage: (p, b) => {
    const m = withCommon(SPECS.EmojiChatMessage, p, b)
    const e = make('chat', b, m.user)
    e.content = m.text
    return done(e, b)
  },
  WebcastGiftMessage: (p, b) => giftEvent(withCommon(SPECS.GiftMessage, p, b), b),
  WebcastLikeMessage: (p, b) => {
    const m = withCommon(SPECS.LikeMessage, p, b)
    const e = make('like', b, m.user)
    e.count = m.count
    e.total = m.total
    return done(e, b)
  },
  WebcastMemberMessage: (p, b) => {
    const m = withCommon(SPECS.MemberMessage, p, b)
    return done(make('member', b, m.user), b)
  },
  WebcastSocialMessage: (p, b) => {
    const m = withCommon(SPECS.SocialMessage, p, b)
    const type = socialEventType(m.action)
    return type === undefined ? undefined : done(make(type, b, m.user), b)
  },
  WebcastRoomUserSeqMessage: (p, b) => {
    const m = withCommon(SPECS.RoomUserSeqMessage, p, b)
    const e = make('stats', b)
    e.online = m.total
    return done(e, b)
  },
  WebcastRoomStatsMessage: (p, b) => {
    // display_value, read into `total`.
    const m = withCommon(SPECS.RoomStatsMessage, p, b)
    if (m.total <= 0) return undefined
    const e = make('stats', b)
    e.online = m.total
    return done(e, b)
  },
  WebcastFansclubMessage: (p, b) => {
    const m = withCommon(SPECS.FansclubMessage, p, b)
    const e = make('fansclub', b, m.user)
    e.content = m.text
    return done(e, b)
  },
  WebcastControlMessage: (p, b) => {
    const m = withCommon(SPECS.ControlMessage, p, b)
    // 3 = the live ended [X]; other actions are not documented.
    if (m.action !== 3) return undefined
    const e = make('end', b)
    e.content = m.text || '直播已结束'
    return done(e, b)
  }
}

/** count = repeat_count, else combo_count × group_count (douyin-protocol.md §4). */
function giftEvent(m: WireFields, b: Base): SourceEvent {
  const repeat = m.repeatCount
  const total = repeat > 0 ? repeat : m.comboCount * Math.max(m.groupCount, 1)
  const struct = m.gift
  const giftId = m.giftId !== '0' ? m.giftId : (struct?.id ?? '0')
  const gift: NonNullable<SourceEvent['gift']> = {
    id: giftId,
    name: struct?.name ?? '',
    count: Math.max(total, 1)
  }
  if (struct !== undefined && struct.diamondCount > 0) gift.diamonds = struct.diamondCount
  const e = make('gift', b, m.user)
  e.gift = gift
  e.combo = {
    groupId: m.groupId,
    total: total > 0 ? total : undefined,
    comboable: struct?.combo ?? false,
    end: m.repeatEnd === 1
  }
  return done(e, b)
}
