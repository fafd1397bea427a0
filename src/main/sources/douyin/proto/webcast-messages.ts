import type { LiveUser } from '../../../../shared/events'
import { decimal, expectWire, LEN, VARINT, WireReader } from './wire-reader'

/**
 * The Webcast*Message payloads we read aloud (douyin-protocol.md §3), read off the wire by a field
 * table: a field we map is decoded into the result, a declared field we do not map is checked for
 * its wire type and skipped, anything else is skipped. Nothing is built for skipped fields.
 */

/** How to read one field. */
type Kind =
  | 'common'
  | 'user'
  | 'gift'
  | 'string'
  | 'count'
  | 'uint64'
  | 'int32'
  | 'bool'
  /** Declared but unused: check the wire type only. */
  | 'varint?'
  | 'len?'
  /** Declared message we do not map (GiftMessage.to_user): still checked like the old schema did. */
  | 'user?'

export type FieldTable = Readonly<Record<number, readonly [name: string, kind: Kind]>>

/** Common (field 1 of every message): what the mapper needs from it. */
export interface WireCommon {
  /** create_time as a number (0 when absent). */
  createTime: number
  /** room_id, exact decimal ('0' when absent). */
  roomId: string
  /**
   * Common.msg_id as its low and high 32 bits (0, 0 when absent): only needed when the wrapper had
   * no id, so it is turned into a decimal string by `commonMsgId` then, not for every message.
   */
  msgIdLo: number
  msgIdHi: number
}

/** Common.msg_id as an exact decimal string ('0' when absent). */
export function commonMsgId(common: WireCommon): string {
  return decimal(common.msgIdLo, common.msgIdHi)
}

/** GiftStruct (GiftMessage field 15). */
export interface WireGift {
  id: string
  name: string
  combo: boolean
  diamondCount: number
}

/** The mapped fields of one message, by the names in its table. */
export type WireFields = Record<string, unknown> & {
  common?: WireCommon
  user?: LiveUser
}

export function readFields(bytes: Uint8Array, table: FieldTable, where: string): WireFields {
  const r = WireReader.of(bytes)
  const out: WireFields = {}
  while (r.pos < r.end) {
    const tag = r.tag()
    const spec = table[tag >>> 3]
    if (spec === undefined) {
      r.skip(tag & 7)
      continue
    }
    const [name, kind] = spec
    switch (kind) {
      case 'common':
        expectWire(tag, LEN, `${where}.${name}`)
        out.common = readCommon(r.message())
        break
      case 'user':
        expectWire(tag, LEN, `${where}.${name}`)
        out[name] = readUser(r.message())
        break
      case 'user?':
        expectWire(tag, LEN, `${where}.${name}`)
        readUser(r.message())
        break
      case 'gift':
        expectWire(tag, LEN, `${where}.${name}`)
        out[name] = readGift(r.message())
        break
      case 'string':
        expectWire(tag, LEN, `${where}.${name}`)
        out[name] = r.string()
        break
      case 'len?':
        expectWire(tag, LEN, `${where}.${name}`)
        r.len()
        break
      case 'count':
        expectWire(tag, VARINT, `${where}.${name}`)
        out[name] = r.count()
        break
      case 'uint64':
        expectWire(tag, VARINT, `${where}.${name}`)
        out[name] = r.uint64()
        break
      case 'int32':
        expectWire(tag, VARINT, `${where}.${name}`)
        out[name] = r.int32()
        break
      case 'bool':
        expectWire(tag, VARINT, `${where}.${name}`)
        out[name] = r.bool()
        break
      case 'varint?':
        expectWire(tag, VARINT, `${where}.${name}`)
        r.varint64()
        break
    }
  }
  return out
}

// The room id repeats in every message of a room: convert it once.
let lastRoom = { lo: 0, hi: 0, text: '0' }

/** Common: 1 method, 2 msg_id, 3 room_id, 4 create_time, 7 describe. */
function readCommon(r: WireReader): WireCommon {
  const common: WireCommon = { createTime: 0, roomId: '0', msgIdLo: 0, msgIdHi: 0 }
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 2:
        expectWire(tag, VARINT, 'Common.msgId')
        r.varint64()
        common.msgIdLo = r.lo
        common.msgIdHi = r.hi
        break
      case 3:
        expectWire(tag, VARINT, 'Common.roomId')
        r.varint64()
        if (r.lo !== lastRoom.lo || r.hi !== lastRoom.hi)
          lastRoom = { lo: r.lo, hi: r.hi, text: decimal(r.lo, r.hi) }
        common.roomId = lastRoom.text
        break
      case 4:
        expectWire(tag, VARINT, 'Common.createTime')
        common.createTime = r.count()
        break
      case 1:
      case 7:
        expectWire(tag, LEN, 'Common')
        r.len()
        break
      default:
        r.skip(tag & 7)
    }
  }
  return common
}

/** User: 1 id, 2 short_id, 3 nickname, 38 display_id, 46 sec_uid, 1028 id_str. */
function readUser(r: WireReader): LiveUser {
  let id = '0'
  let nickname = ''
  let secUid = ''
  let idStr = ''
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 1:
        expectWire(tag, VARINT, 'User.id')
        id = r.uint64()
        break
      case 2:
        expectWire(tag, VARINT, 'User.shortId')
        r.varint64()
        break
      case 3:
        expectWire(tag, LEN, 'User.nickname')
        nickname = r.string()
        break
      case 38:
        expectWire(tag, LEN, 'User.displayId')
        r.len()
        break
      case 46:
        expectWire(tag, LEN, 'User.secUid')
        secUid = r.string()
        break
      case 1028:
        expectWire(tag, LEN, 'User.idStr')
        idStr = r.string()
        break
      default:
        r.skip(tag & 7)
    }
  }
  return { id: id !== '0' ? id : idStr || secUid || '0', nickname }
}

/** GiftStruct: 2 describe, 5 id, 10 combo, 11 type, 12 diamond_count, 16 name. */
function readGift(r: WireReader): WireGift {
  const gift: WireGift = { id: '0', name: '', combo: false, diamondCount: 0 }
  while (r.pos < r.end) {
    const tag = r.tag()
    switch (tag >>> 3) {
      case 5:
        expectWire(tag, VARINT, 'GiftStruct.id')
        gift.id = r.uint64()
        break
      case 10:
        expectWire(tag, VARINT, 'GiftStruct.combo')
        gift.combo = r.bool()
        break
      case 12:
        expectWire(tag, VARINT, 'GiftStruct.diamondCount')
        gift.diamondCount = r.int32()
        break
      case 16:
        expectWire(tag, LEN, 'GiftStruct.name')
        gift.name = r.string()
        break
      case 11:
        expectWire(tag, VARINT, 'GiftStruct.type')
        r.varint64()
        break
      case 2:
        expectWire(tag, LEN, 'GiftStruct.describe')
        r.len()
        break
      default:
        r.skip(tag & 7)
    }
  }
  return gift
}

/** Field tables of the messages we map (§3), declared fields only. */
export const TABLES = {
  ChatMessage: {
    1: ['common', 'common'],
    2: ['user', 'user'],
    3: ['content', 'string'],
    15: ['eventTime', 'varint?']
  },
  EmojiChatMessage: {
    1: ['common', 'common'],
    2: ['user', 'user'],
    3: ['emojiId', 'varint?'],
    5: ['defaultContent', 'string']
  },
  GiftMessage: {
    1: ['common', 'common'],
    2: ['giftId', 'uint64'],
    4: ['groupCount', 'count'],
    5: ['repeatCount', 'count'],
    6: ['comboCount', 'count'],
    7: ['user', 'user'],
    8: ['toUser', 'user?'],
    9: ['repeatEnd', 'int32'],
    11: ['groupId', 'uint64'],
    15: ['gift', 'gift'],
    17: ['sendType', 'varint?'],
    29: ['totalCount', 'varint?']
  },
  LikeMessage: {
    1: ['common', 'common'],
    2: ['count', 'count'],
    3: ['total', 'count'],
    5: ['user', 'user']
  },
  MemberMessage: {
    1: ['common', 'common'],
    2: ['user', 'user'],
    3: ['memberCount', 'varint?'],
    10: ['action', 'varint?']
  },
  SocialMessage: {
    1: ['common', 'common'],
    2: ['user', 'user'],
    3: ['shareType', 'varint?'],
    4: ['action', 'count'],
    5: ['shareTarget', 'len?'],
    6: ['followCount', 'varint?']
  },
  RoomUserSeqMessage: {
    1: ['common', 'common'],
    3: ['total', 'count'],
    7: ['totalUser', 'varint?'],
    10: ['onlineUserForAnchor', 'len?'],
    11: ['totalPvForAnchor', 'len?']
  },
  RoomStatsMessage: {
    1: ['common', 'common'],
    2: ['displayShort', 'len?'],
    3: ['displayMiddle', 'len?'],
    4: ['displayLong', 'len?'],
    5: ['displayValue', 'count'],
    9: ['total', 'varint?']
  },
  FansclubMessage: {
    1: ['common', 'common'],
    2: ['action', 'varint?'],
    3: ['content', 'string'],
    4: ['user', 'user']
  },
  ControlMessage: {
    1: ['common', 'common'],
    2: ['action', 'count'],
    3: ['tips', 'string']
  }
} as const satisfies Record<string, FieldTable>
