import { socialEventType } from '../normalize/social'
import type { SourceEvent } from '../normalize/source-event'
import { FrameDecodeError } from './frames'
import {
  commonMsgId,
  readFields,
  TABLES,
  type FieldTable,
  type WireFields,
  type WireGift
} from './proto/webcast-messages'
import type { WireMessage } from './proto/webcast-wire'

/** The outcome of one Message: an event (live end included, as type `end`), or nothing to emit. */
export type Mapped = { kind: 'event'; event: SourceEvent } | { kind: 'ignored' }

const METHOD_NAME = /^Webcast[A-Za-z0-9]{1,80}$/

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
export function mapMessage(message: WireMessage, now: number, fallbackId: () => string): Mapped {
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
  const msgId = message.msgId
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

/** Reads the message's fields; Common gives the timestamp, room and (when needed) the id. */
function withCommon(table: FieldTable, name: string, payload: Uint8Array, base: Base): WireFields {
  const m = readFields(payload, table, name)
  const c = m.common
  if (c !== undefined) {
    const created = c.createTime
    // create_time's unit is unverified [U]: accept seconds or ms.
    if (created > 0) base.ts = created < 1e11 ? created * 1000 : created
    if (c.roomId !== '0') base.roomId = c.roomId
    if (base.idIsFallback && (c.msgIdLo !== 0 || c.msgIdHi !== 0)) base.id = commonMsgId(c)
  }
  return m
}

function make(type: SourceEvent['type'], base: Base, extra: Partial<SourceEvent>): SourceEvent {
  const e: SourceEvent = { type, id: base.id, ts: base.ts, ...extra }
  if (base.roomId !== undefined) e.roomId = base.roomId
  if (e.user === undefined) delete e.user
  return e
}

const str = (v: unknown) => (v as string | undefined) ?? ''
const num = (v: unknown) => (v as number | undefined) ?? 0
const who = (m: WireFields) => m.user

const HANDLERS: Record<string, Handler> = {
  WebcastChatMessage: (p, b) => {
    const m = withCommon(TABLES.ChatMessage, 'ChatMessage', p, b)
    return make('chat', b, { user: who(m), content: str(m.content) })
  },
  WebcastEmojiChatMessage: (p, b) => {
    const m = withCommon(TABLES.EmojiChatMessage, 'EmojiChatMessage', p, b)
    return make('chat', b, { user: who(m), content: str(m.defaultContent) })
  },
  WebcastGiftMessage: (p, b) => giftEvent(withCommon(TABLES.GiftMessage, 'GiftMessage', p, b), b),
  WebcastLikeMessage: (p, b) => {
    const m = withCommon(TABLES.LikeMessage, 'LikeMessage', p, b)
    return make('like', b, { user: who(m), count: num(m.count), total: num(m.total) })
  },
  WebcastMemberMessage: (p, b) => {
    const m = withCommon(TABLES.MemberMessage, 'MemberMessage', p, b)
    return make('member', b, { user: who(m) })
  },
  WebcastSocialMessage: (p, b) => {
    const m = withCommon(TABLES.SocialMessage, 'SocialMessage', p, b)
    const type = socialEventType(num(m.action))
    return type === undefined ? undefined : make(type, b, { user: who(m) })
  },
  WebcastRoomUserSeqMessage: (p, b) => {
    const m = withCommon(TABLES.RoomUserSeqMessage, 'RoomUserSeqMessage', p, b)
    return make('stats', b, { online: num(m.total) })
  },
  WebcastRoomStatsMessage: (p, b) => {
    const m = withCommon(TABLES.RoomStatsMessage, 'RoomStatsMessage', p, b)
    const online = num(m.displayValue)
    return online > 0 ? make('stats', b, { online }) : undefined
  },
  WebcastFansclubMessage: (p, b) => {
    const m = withCommon(TABLES.FansclubMessage, 'FansclubMessage', p, b)
    return make('fansclub', b, { user: who(m), content: str(m.content) })
  },
  WebcastControlMessage: (p, b) => {
    const m = withCommon(TABLES.ControlMessage, 'ControlMessage', p, b)
    // 3 = the live ended [X]; other actions are not documented.
    return num(m.action) === 3
      ? make('end', b, { content: str(m.tips) || '直播已结束' })
      : undefined
  }
}

/** count = repeat_count, else combo_count × group_count (douyin-protocol.md §4). */
function giftEvent(m: WireFields, b: Base): SourceEvent {
  const repeat = num(m.repeatCount)
  const total = repeat > 0 ? repeat : num(m.comboCount) * Math.max(num(m.groupCount), 1)
  const struct = m.gift as WireGift | undefined
  const giftIdField = (m.giftId as string | undefined) ?? '0'
  const giftId = giftIdField !== '0' ? giftIdField : (struct?.id ?? '0')
  const gift: NonNullable<SourceEvent['gift']> = {
    id: giftId,
    name: struct?.name ?? '',
    count: Math.max(total, 1)
  }
  if (struct !== undefined && struct.diamondCount > 0) gift.diamonds = struct.diamondCount
  return make('gift', b, {
    user: who(m),
    gift,
    combo: {
      groupId: (m.groupId as string | undefined) ?? '0',
      total: total > 0 ? total : undefined,
      comboable: struct?.combo ?? false,
      end: num(m.repeatEnd) === 1
    }
  })
}
