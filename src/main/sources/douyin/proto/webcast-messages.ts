import type { LiveUser } from '../../../../shared/events'
import { Slot, type MessageSpec } from './field-tables'
import { decimal, expectWire, LEN, VARINT, WireReader } from './wire-reader'

/**
 * The Webcast*Message payloads we read aloud (douyin-protocol.md §3), read off the wire by a field
 * table: a field we map is decoded into the result, a declared field we do not map is checked for
 * its wire type and skipped, anything else is skipped. Nothing is built for skipped fields.
 */

/** Common.msg_id as an exact decimal string ('0' when absent). */
export function commonMsgId(m: WireFields): string {
  return decimal(m.msgIdLo, m.msgIdHi)
}

/** GiftStruct (GiftMessage field 15). */
export interface WireGift {
  id: string
  name: string
  combo: boolean
  diamondCount: number
}

/**
 * The mapped fields of any message we read aloud, in one shape for every message type (reads and
 * writes stay monomorphic); a field the message did not carry keeps its zero value.
 */
export class WireFields {
  /** Common (field 1 of every message) was present. */
  hasCommon = false
  /** Common.create_time as a number (0 when absent). */
  createTime = 0
  /** Common.room_id, exact decimal ('0' when absent). */
  roomId = '0'
  /**
   * Common.msg_id as its low and high 32 bits (0, 0 when absent): only needed when the wrapper had
   * no id, so it is turned into a decimal string by `commonMsgId` then, not for every message.
   */
  msgIdLo = 0
  msgIdHi = 0
  user: LiveUser | undefined = undefined
  gift: WireGift | undefined = undefined
  /** content, default_content or tips. */
  text = ''
  count = 0
  total = 0
  action = 0
  giftId = '0'
  groupCount = 0
  repeatCount = 0
  comboCount = 0
  repeatEnd = 0
  groupId = '0'
}

/** Reads one message's payload, bytes start..end of `buf`, by its spec. */
export function readFields(buf: Buffer, start: number, end: number, spec: MessageSpec): WireFields {
  const r = new WireReader(buf, start, end)
  const out = new WireFields()
  const slots = spec.slots
  while (r.pos < r.end) {
    const tag = r.tag()
    const field = tag >>> 3
    const slot: Slot = field < slots.length ? slots[field]! : Slot.None
    if (slot === Slot.None) {
      r.skip(tag & 7)
      continue
    }
    // A declared field must come with its type's wire type, mapped or not.
    expectWire(tag, wireOf(slot), spec.fieldNames[field]!)
    switch (slot) {
      case Slot.Common:
      case Slot.User:
      case Slot.UnusedUser:
      case Slot.Gift: {
        const outer = r.enter()
        readEmbedded(r, slot, out)
        r.leave(outer)
        break
      }
      case Slot.Text:
        out.text = r.string()
        break
      case Slot.Len:
        r.len()
        break
      default:
        readNumber(r, slot, out)
    }
  }
  return out
}

function wireOf(slot: Slot): number {
  switch (slot) {
    case Slot.Common:
    case Slot.User:
    case Slot.UnusedUser:
    case Slot.Gift:
    case Slot.Text:
    case Slot.Len:
      return LEN
    default:
      return VARINT
  }
}

/** The embedded messages we read; the reader is narrowed to one. */
function readEmbedded(r: WireReader, slot: Slot, out: WireFields): void {
  if (slot === Slot.Common) readCommon(r, out)
  else if (slot === Slot.Gift) out.gift = readGift(r)
  else {
    const user = readUser(r)
    if (slot === Slot.User) out.user = user
  }
}

/** The varint fields: mapped ones into their place; a declared unused one (Slot.Varint) skipped. */
function readNumber(r: WireReader, slot: Slot, out: WireFields): void {
  switch (slot) {
    case Slot.Count:
      out.count = r.count()
      break
    case Slot.Total:
      out.total = r.count()
      break
    case Slot.Action:
      out.action = r.count()
      break
    case Slot.GroupCount:
      out.groupCount = r.count()
      break
    case Slot.RepeatCount:
      out.repeatCount = r.count()
      break
    case Slot.ComboCount:
      out.comboCount = r.count()
      break
    case Slot.RepeatEnd:
      out.repeatEnd = r.int32()
      break
    case Slot.GiftId:
      out.giftId = r.uint64()
      break
    case Slot.GroupId:
      out.groupId = r.uint64()
      break
    default:
      r.varint64()
  }
}

// The room id repeats in every message of a room: convert it once.
let lastRoom = { lo: 0, hi: 0, text: '0' }

/** Common.room_id from its halves, in decimal (the last room's text is kept). */
export function roomIdText(lo: number, hi: number): string {
  if (lo !== lastRoom.lo || hi !== lastRoom.hi) lastRoom = { lo, hi, text: decimal(lo, hi) }
  return lastRoom.text
}

/** Common: 1 method, 2 msg_id, 3 room_id, 4 create_time, 7 describe. */
function readCommon(r: WireReader, common: WireFields): void {
  common.hasCommon = true
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
        common.roomId = roomIdText(r.lo, r.hi)
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
}

/**
 * User: 1 id, 2 short_id, 3 nickname, 38 display_id, 46 sec_uid, 1028 id_str. sec_uid (~76
 * bytes) and id_str name the viewer only when id is absent: they become strings only then.
 */
function readUser(r: WireReader): LiveUser {
  let id = '0'
  let nickname = ''
  let secUidStart = 0
  let secUidEnd = 0
  let idStrStart = 0
  let idStrEnd = 0
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
        secUidStart = r.len()
        secUidEnd = r.pos
        break
      case 1028:
        expectWire(tag, LEN, 'User.idStr')
        idStrStart = r.len()
        idStrEnd = r.pos
        break
      default:
        r.skip(tag & 7)
    }
  }
  return liveUser(r, id, nickname, idStrStart, idStrEnd, secUidStart, secUidEnd)
}

/**
 * The viewer a User names: by id, else by id_str, else by sec_uid (bytes of `r`'s buffer, made
 * strings only when needed).
 */
export function liveUser(
  r: WireReader,
  id: string,
  nickname: string,
  idStrStart: number,
  idStrEnd: number,
  secUidStart: number,
  secUidEnd: number
): LiveUser {
  if (id !== '0') return { id, nickname }
  const fallback = r.text(idStrStart, idStrEnd) || r.text(secUidStart, secUidEnd) || '0'
  return { id: fallback, nickname }
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
