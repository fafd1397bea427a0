// A Douyin Response (douyin-protocol.md §2.3–3), scanned where inflate.ts left it: one pass over
// the protobuf wire format that writes, per message, where its fields are and their integer
// values into a table of i32s (the "tape"). JavaScript then makes only the strings and objects
// an event needs (src/main/sources/douyin/response-tape.ts); nothing here allocates.
//
// It mirrors the JavaScript decoder (src/main/sources/douyin/proto/), which stays the reference:
// the same fields, the same last-one-wins and wire-type rules. It is strict and never says why:
// where that decoder would refuse a Response, or meets anything rare (groups), `scan` gives -1 and
// the frame is decoded there, which reports the real error; where it would refuse one message's
// payload, that message is marked and read there. So nothing is decided here that the reference
// decides differently, and the differential tests (response-tape.test.ts) hold the two together.
//
// What each message type maps comes from JavaScript at start-up (scan-config.ts).

import * as Tape from './tape-layout'
import * as Config from './scan-config'
import { LEN, VARINT, Wire } from './wire'

export function tapeAt(): usize {
  return Tape.tape
}

export function tapeCapacity(): i32 {
  return Tape.TAPE_MESSAGES
}

function putRange(record: usize, slot: i32): void {
  Tape.put(record, slot, <i32>Wire.fieldStart)
  Tape.put(record, slot + 1, <i32>Wire.pos)
}

function putVarint(record: usize, slot: i32): void {
  Tape.put(record, slot, <i32>Wire.lo)
  Tape.put(record, slot + 1, <i32>Wire.hi)
}

// Scans the Response at `at`, `size` bytes long, onto the tape: how many messages, or -1.
export function scan(at: usize, size: i32): i32 {
  const end = at + <usize>size
  Tape.zero(Tape.tape, Tape.HEADER)
  Wire.pos = at
  let n: i32 = 0
  while (Wire.pos < end) {
    if (!Wire.tag(end)) return -1
    const field = Wire.lo >>> 3
    const wire = Wire.lo & 7
    if (field == 1) {
      if (wire != LEN || !Wire.len(end) || n >= Tape.TAPE_MESSAGES) return -1
      const messageEnd = Wire.pos
      if (
        !scanMessage(
          Wire.fieldStart,
          messageEnd,
          Tape.tape + ((<usize>(Tape.HEADER + n * Tape.STRIDE)) << 2)
        )
      )
        return -1
      Wire.pos = messageEnd
      n++
    } else if (field == 2 || field == 5) {
      if (wire != LEN || !Wire.len(end)) return -1
      putRange(Tape.tape, field == 2 ? Tape.H_CURSOR : Tape.H_INTERNAL_EXT)
    } else if (field == 9) {
      if (wire != VARINT || !Wire.varint(end)) return -1
      Tape.put(Tape.tape, Tape.H_NEED_ACK, Wire.lo != 0 ? 1 : 0)
    } else if (field == 3 || field == 4 || field == 8) {
      if (wire != VARINT || !Wire.varint(end)) return -1
    } else if (field == 10 || field == 13 || field == 14) {
      if (wire != LEN || !Wire.len(end)) return -1
    } else if (!Wire.skip(wire, end)) return -1
  }
  return n
}

// Message (§2.4): 1 method, 2 payload, 3 msg_id, 4 msg_type. False fails the whole Response.
function scanMessage(start: usize, end: usize, record: usize): bool {
  Tape.zero(record, Tape.STRIDE)
  Wire.pos = start
  while (Wire.pos < end) {
    if (!Wire.tag(end)) return false
    const field = Wire.lo >>> 3
    const wire = Wire.lo & 7
    if (field == 1) {
      if (wire != LEN || !Wire.len(end)) return false
      putRange(record, Tape.R_METHOD)
    } else if (field == 2) {
      if (wire != LEN || !Wire.len(end)) return false
      putRange(record, Tape.R_PAYLOAD)
    } else if (field == 3) {
      if (wire != VARINT || !Wire.varint(end)) return false
      putVarint(record, Tape.R_MSG_ID)
    } else if (field == 4) {
      if (wire != VARINT || !Wire.varint(end)) return false
    } else if (!Wire.skip(wire, end)) return false
  }
  let kind = Config.kindOf(
    <usize>load<i32>(record + (Tape.R_METHOD << 2)),
    <usize>load<i32>(record + ((Tape.R_METHOD + 1) << 2))
  )
  if (kind >= 0) {
    const payloadStart = <usize>load<i32>(record + (Tape.R_PAYLOAD << 2))
    const payloadEnd = <usize>load<i32>(record + ((Tape.R_PAYLOAD + 1) << 2))
    if (!scanFields(payloadStart, payloadEnd, kind, record)) kind = Tape.PAYLOAD_REFUSED
  }
  Tape.put(record, Tape.R_KIND, kind)
  return true
}

function isLenSlot(slot: u32): bool {
  return (
    slot == Config.COMMON ||
    slot == Config.USER ||
    slot == Config.UNUSED_USER ||
    slot == Config.GIFT ||
    slot == Config.TEXT ||
    slot == Config.LEN_SLOT
  )
}

// One payload by its kind's slots; false where the reference refuses it.
function scanFields(start: usize, end: usize, kind: i32, record: usize): bool {
  const slotCount = Config.slotCountOf(kind)
  const slots = Config.slotsOf(kind)
  Wire.pos = start
  while (Wire.pos < end) {
    if (!Wire.tag(end)) return false
    const field = Wire.lo >>> 3
    const wire = Wire.lo & 7
    const slot = field < slotCount ? <u32>load<u8>(slots + field) : Config.NONE
    if (slot == Config.NONE) {
      if (!Wire.skip(wire, end)) return false
      continue
    }
    if (wire != (isLenSlot(slot) ? LEN : VARINT)) return false
    if (isLenSlot(slot)) {
      if (!Wire.len(end)) return false
      const inner = Wire.fieldStart
      const outer = Wire.pos
      if (slot == Config.COMMON) {
        if (!scanCommon(inner, outer, record)) return false
      } else if (slot == Config.USER || slot == Config.UNUSED_USER) {
        if (!scanUser(inner, outer, record, slot == Config.USER)) return false
      } else if (slot == Config.GIFT) {
        if (!scanGift(inner, outer, record)) return false
      } else if (slot == Config.TEXT) {
        putRange(record, Tape.R_TEXT)
      }
      Wire.pos = outer
      continue
    }
    if (!Wire.varint(end)) return false
    if (slot == Config.COUNT) putVarint(record, Tape.R_COUNT)
    else if (slot == Config.TOTAL) putVarint(record, Tape.R_TOTAL)
    else if (slot == Config.ACTION) putVarint(record, Tape.R_ACTION)
    else if (slot == Config.GROUP_COUNT) putVarint(record, Tape.R_GROUP_COUNT)
    else if (slot == Config.REPEAT_COUNT) putVarint(record, Tape.R_REPEAT_COUNT)
    else if (slot == Config.COMBO_COUNT) putVarint(record, Tape.R_COMBO_COUNT)
    else if (slot == Config.REPEAT_END) Tape.put(record, Tape.R_REPEAT_END, <i32>Wire.lo)
    else if (slot == Config.GIFT_ID) putVarint(record, Tape.R_GIFT_ID)
    else if (slot == Config.GROUP_ID) putVarint(record, Tape.R_GROUP_ID)
    else if (slot != Config.VARINT_SLOT) return false
  }
  return true
}

// Common: 1 method, 2 msg_id, 3 room_id, 4 create_time, 7 describe. Repeats add to one result.
function scanCommon(start: usize, end: usize, record: usize): bool {
  Tape.put(record, Tape.R_FLAGS, load<i32>(record + (Tape.R_FLAGS << 2)) | Tape.F_COMMON)
  Wire.pos = start
  while (Wire.pos < end) {
    if (!Wire.tag(end)) return false
    const field = Wire.lo >>> 3
    const wire = Wire.lo & 7
    if (field == 2 || field == 3 || field == 4) {
      if (wire != VARINT || !Wire.varint(end)) return false
      putVarint(
        record,
        field == 2 ? Tape.R_COMMON_MSG_ID : field == 3 ? Tape.R_ROOM_ID : Tape.R_CREATE_TIME
      )
    } else if (field == 1 || field == 7) {
      if (wire != LEN || !Wire.len(end)) return false
    } else if (!Wire.skip(wire, end)) return false
  }
  return true
}

// User: 1 id, 2 short_id, 3 nickname, 38 display_id, 46 sec_uid, 1028 id_str. Each one read
// replaces the last; an unused one (GiftMessage.to_user) is only checked.
function scanUser(start: usize, end: usize, record: usize, keep: bool): bool {
  let idLo: u32 = 0
  let idHi: u32 = 0
  let nickname: u64 = 0
  let secUid: u64 = 0
  let idStr: u64 = 0
  Wire.pos = start
  while (Wire.pos < end) {
    if (!Wire.tag(end)) return false
    const field = Wire.lo >>> 3
    const wire = Wire.lo & 7
    if (field == 1 || field == 2) {
      if (wire != VARINT || !Wire.varint(end)) return false
      if (field == 1) {
        idLo = Wire.lo
        idHi = Wire.hi
      }
    } else if (field == 3 || field == 38 || field == 46 || field == 1028) {
      if (wire != LEN || !Wire.len(end)) return false
      const range = ((<u64>Wire.pos) << 32) | (<u64>Wire.fieldStart)
      if (field == 3) nickname = range
      else if (field == 46) secUid = range
      else if (field == 1028) idStr = range
    } else if (!Wire.skip(wire, end)) return false
  }
  if (!keep) return true
  Tape.put(record, Tape.R_FLAGS, load<i32>(record + (Tape.R_FLAGS << 2)) | Tape.F_USER)
  Tape.put(record, Tape.R_USER_ID, <i32>idLo)
  Tape.put(record, Tape.R_USER_ID + 1, <i32>idHi)
  store<u64>(record + (Tape.R_NICKNAME << 2), nickname)
  store<u64>(record + (Tape.R_SEC_UID << 2), secUid)
  store<u64>(record + (Tape.R_ID_STR << 2), idStr)
  return true
}

// GiftStruct: 2 describe, 5 id, 10 combo, 11 type, 12 diamond_count, 16 name. Each replaces the last.
function scanGift(start: usize, end: usize, record: usize): bool {
  let idLo: u32 = 0
  let idHi: u32 = 0
  let combo: i32 = 0
  let diamonds: i32 = 0
  let name: u64 = 0
  Wire.pos = start
  while (Wire.pos < end) {
    if (!Wire.tag(end)) return false
    const field = Wire.lo >>> 3
    const wire = Wire.lo & 7
    if (field == 5 || field == 10 || field == 11 || field == 12) {
      if (wire != VARINT || !Wire.varint(end)) return false
      if (field == 5) {
        idLo = Wire.lo
        idHi = Wire.hi
      } else if (field == 10) combo = Wire.lo != 0 ? 1 : 0
      else if (field == 12) diamonds = <i32>Wire.lo
    } else if (field == 2 || field == 16) {
      if (wire != LEN || !Wire.len(end)) return false
      if (field == 16) name = ((<u64>Wire.pos) << 32) | (<u64>Wire.fieldStart)
    } else if (!Wire.skip(wire, end)) return false
  }
  Tape.put(record, Tape.R_FLAGS, load<i32>(record + (Tape.R_FLAGS << 2)) | Tape.F_GIFT)
  Tape.put(record, Tape.R_GIFT_STRUCT_ID, <i32>idLo)
  Tape.put(record, Tape.R_GIFT_STRUCT_ID + 1, <i32>idHi)
  store<u64>(record + (Tape.R_GIFT_NAME << 2), name)
  Tape.put(record, Tape.R_GIFT_COMBO, combo)
  Tape.put(record, Tape.R_GIFT_DIAMONDS, diamonds)
  return true
}
