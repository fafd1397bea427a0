// The tape webcast-scan.ts writes and src/main/sources/douyin/response-tape.ts reads (which
// repeats these numbers; the differential tests fail when the two disagree): a header, then a
// record of STRIDE i32s per message. A range takes two slots (start, end: addresses in this
// module's memory), a 64-bit integer two (low, high halves).

// Where the tape is, and how many messages it holds (a Response with more is left to JavaScript).
export const HEADER: i32 = 8
export const STRIDE: i32 = 48
export const TAPE_MESSAGES: i32 = 2048
export const tape = memory.data((HEADER + STRIDE * TAPE_MESSAGES) * 4)

// Header slots.
export const H_CURSOR: i32 = 0
export const H_INTERNAL_EXT: i32 = 2
export const H_NEED_ACK: i32 = 4

// Record slots: a range takes two (start, end), a 64-bit integer two (low, high 32 bits).
export const R_KIND: i32 = 0
export const R_METHOD: i32 = 1
export const R_PAYLOAD: i32 = 3
export const R_MSG_ID: i32 = 5
export const R_FLAGS: i32 = 7
export const R_CREATE_TIME: i32 = 8
export const R_ROOM_ID: i32 = 10
export const R_COMMON_MSG_ID: i32 = 12
export const R_USER_ID: i32 = 14
export const R_NICKNAME: i32 = 16
export const R_SEC_UID: i32 = 18
export const R_ID_STR: i32 = 20
export const R_TEXT: i32 = 22
export const R_COUNT: i32 = 24
export const R_TOTAL: i32 = 26
export const R_ACTION: i32 = 28
export const R_GROUP_COUNT: i32 = 30
export const R_REPEAT_COUNT: i32 = 32
export const R_COMBO_COUNT: i32 = 34
export const R_REPEAT_END: i32 = 36
export const R_GIFT_ID: i32 = 37
export const R_GROUP_ID: i32 = 39
export const R_GIFT_STRUCT_ID: i32 = 41
export const R_GIFT_NAME: i32 = 43
export const R_GIFT_COMBO: i32 = 45
export const R_GIFT_DIAMONDS: i32 = 46

export const F_COMMON: i32 = 1
export const F_USER: i32 = 2
export const F_GIFT: i32 = 4

// Kinds that are not a mapped method's index.
export const NOT_MAPPED: i32 = -1
export const PAYLOAD_REFUSED: i32 = -2

// Zeroes `slots` i32s (an even number) at `at`, in place: memory.fill is a call out of the module.
export function zero(at: usize, slots: i32): void {
  const stop = at + ((<usize>slots) << 2)
  for (let p = at; p < stop; p += 8) store<u64>(p, 0)
}

export function put(record: usize, slot: i32, value: i32): void {
  store<i32>(record + ((<usize>slot) << 2), value)
}
