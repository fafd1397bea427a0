import { socialEventType } from '../normalize/social'
import type { SourceEvent } from '../normalize/source-event'
import { FrameDecodeError } from './frames'
import type { LiveUser } from '../../../shared/events'
import { commonMsgId, readFields, type WireFields } from './proto/webcast-messages'
import { SPECS, type MessageSpec } from './proto/field-tables'
import type { WireMessage } from './proto/webcast-wire'

const METHOD_NAME = /^Webcast[A-Za-z0-9]{1,80}$/

interface Base {
  id: string
  ts: number
  roomId: string | undefined
  /** The wrapper had no msg_id: take Common.msg_id if there is one. */
  idIsFallback: boolean
}

/** A method we read aloud: how its payload is read, and the event made of what was read. */
interface Mapper {
  spec: MessageSpec
  build: (m: WireFields, base: Base) => SourceEvent | undefined
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
  const mapper = MAPPERS.get(message.method)
  if (mapper === undefined) return unmapped(message.method)
  const base = baseOf(message.msgId, now, fallbackId)
  try {
    return mapped(mapper, readFields(message.buf, message.start, message.end, mapper.spec), base)
  } catch (err) {
    throw new FrameDecodeError('message', `${message.method}: ${(err as Error).message}`)
  }
}

/**
 * As mapMessage, for a message whose fields were already read (the WebAssembly scan): `kind` is
 * its method's index in MAPPED_METHODS.
 */
export function mapReadMessage(
  kind: number,
  fields: WireFields,
  msgId: string,
  now: number,
  fallbackId: (now: number) => string
): SourceEvent | undefined {
  return mapped(MAPPER_LIST[kind]!, fields, baseOf(msgId, now, fallbackId))
}

/** A method we do not map: nothing, unless its name is not a method name at all. */
function unmapped(method: string): undefined {
  if (!METHOD_NAME.test(method)) {
    throw new FrameDecodeError(
      'bad-method',
      `not a method name: ${JSON.stringify(method.slice(0, 40))}`
    )
  }
  return undefined
}

function baseOf(msgId: string, now: number, fallbackId: (now: number) => string): Base {
  const fallback = msgId === '0'
  return {
    id: fallback ? fallbackId(now) : msgId,
    ts: now,
    roomId: undefined,
    idIsFallback: fallback
  }
}

/** Common gives the timestamp, room and (when needed) the id; then the method's event. */
function mapped(mapper: Mapper, m: WireFields, base: Base): SourceEvent | undefined {
  if (m.hasCommon) {
    const created = m.createTime
    // create_time's unit is unverified [U]: accept seconds or ms.
    if (created > 0) base.ts = created < 1e11 ? created * 1000 : created
    if (m.roomId !== '0') base.roomId = m.roomId
    if (base.idIsFallback && (m.msgIdLo !== 0 || m.msgIdHi !== 0)) base.id = commonMsgId(m)
  }
  return mapper.build(m, base)
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

/** An event of `type` from the user and the text they sent (a chat, an emoji, a fans club line). */
const said =
  (type: 'chat' | 'fansclub') =>
  (m: WireFields, b: Base): SourceEvent => {
    const e = make(type, b, m.user)
    e.content = m.text
    return done(e, b)
  }

// A Map, not an object literal: a method name is untrusted, and 'constructor' or 'toString' must
// find nothing, not Object.prototype's.
const MAPPERS = new Map<string, Mapper>(
  Object.entries({
    WebcastChatMessage: { spec: SPECS.ChatMessage, build: said('chat') },
    WebcastEmojiChatMessage: { spec: SPECS.EmojiChatMessage, build: said('chat') },
    WebcastGiftMessage: { spec: SPECS.GiftMessage, build: (m, b) => giftEvent(m, b) },
    WebcastLikeMessage: {
      spec: SPECS.LikeMessage,
      build: (m, b) => {
        const e = make('like', b, m.user)
        e.count = m.count
        e.total = m.total
        return done(e, b)
      }
    },
    WebcastMemberMessage: {
      spec: SPECS.MemberMessage,
      build: (m, b) => done(make('member', b, m.user), b)
    },
    WebcastSocialMessage: {
      spec: SPECS.SocialMessage,
      build: (m, b) => {
        const type = socialEventType(m.action)
        return type === undefined ? undefined : done(make(type, b, m.user), b)
      }
    },
    WebcastRoomUserSeqMessage: {
      spec: SPECS.RoomUserSeqMessage,
      build: (m, b) => {
        const e = make('stats', b)
        e.online = m.total
        return done(e, b)
      }
    },
    WebcastRoomStatsMessage: {
      // display_value, read into `total`.
      spec: SPECS.RoomStatsMessage,
      build: (m, b) => {
        if (m.total <= 0) return undefined
        const e = make('stats', b)
        e.online = m.total
        return done(e, b)
      }
    },
    WebcastFansclubMessage: { spec: SPECS.FansclubMessage, build: said('fansclub') },
    WebcastControlMessage: {
      spec: SPECS.ControlMessage,
      build: (m, b) => {
        // 3 = the live ended [X]; other actions are not documented.
        if (m.action !== 3) return undefined
        const e = make('end', b)
        e.content = m.text || '直播已结束'
        return done(e, b)
      }
    }
  } satisfies Record<string, Mapper>)
)

/** The methods we map, and how each reads its payload, in one order (the scan's kinds). */
export const MAPPED_METHODS: readonly string[] = [...MAPPERS.keys()]
const MAPPER_LIST = [...MAPPERS.values()]
export const MAPPED_SPECS: readonly MessageSpec[] = MAPPER_LIST.map((m) => m.spec)

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
