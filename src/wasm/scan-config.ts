// What the Response scan maps (webcast-scan.ts), as JavaScript configures it at start-up from
// src/main/sources/douyin/proto/field-tables.ts: per mapped method, its name and its slots.

import { NOT_MAPPED } from './tape-layout'

// Slots, as field-tables.ts numbers them.
export const NONE: u32 = 0
export const COMMON: u32 = 1
export const USER: u32 = 2
export const GIFT: u32 = 3
export const TEXT: u32 = 4
export const COUNT: u32 = 5
export const TOTAL: u32 = 6
export const ACTION: u32 = 7
export const GIFT_ID: u32 = 8
export const GROUP_COUNT: u32 = 9
export const REPEAT_COUNT: u32 = 10
export const COMBO_COUNT: u32 = 11
export const REPEAT_END: u32 = 12
export const GROUP_ID: u32 = 13
export const VARINT_SLOT: u32 = 14
export const LEN_SLOT: u32 = 15
export const UNUSED_USER: u32 = 16

// The configuration: per mapped method, its name's length and bytes, then its slots' count and
// slots (by field number).
const KINDS_MAX: i32 = 16
const KIND_STRIDE: i32 = 128
const NAME_MAX: i32 = 32
const SLOTS_AT: i32 = 1 + NAME_MAX + 1
const config = memory.data(KINDS_MAX * KIND_STRIDE)
let kinds: i32 = 0

export function scanConfigAt(): usize {
  return config
}

// How many kinds JS wrote to scanConfigAt(); false when more than fit.
export function setKinds(n: i32): bool {
  if (n < 0 || n > KINDS_MAX) return false
  kinds = n
  return true
}

// The slots (by field number) of kind `kind`, and how many there are.
export function slotsOf(kind: i32): usize {
  return config + <usize>(kind * KIND_STRIDE + SLOTS_AT)
}

export function slotCountOf(kind: i32): u32 {
  return <u32>load<u8>(config + <usize>(kind * KIND_STRIDE + SLOTS_AT - 1))
}

// The mapped method whose name is bytes start..end, or NOT_MAPPED.
export function kindOf(start: usize, end: usize): i32 {
  const length = <i32>(end - start)
  for (let k = 0; k < kinds; k++) {
    const entry = config + <usize>(k * KIND_STRIDE)
    if (<i32>load<u8>(entry) != length) continue
    // Eight bytes a step, then the rest one by one.
    let i = 0
    while (i + 8 <= length && load<u64>(start + i) == load<u64>(entry + 1 + i)) i += 8
    while (i < length && load<u8>(start + i) == load<u8>(entry + 1 + i)) i++
    if (i == length) return k
  }
  return NOT_MAPPED
}
