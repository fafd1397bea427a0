import { MAPPED_METHODS, MAPPED_SPECS } from './message-mapper'
import { liveUser, roomIdText, WireFields } from './proto/webcast-messages'
import { methodName, type WireMessage } from './proto/webcast-wire'
import { countOf, decimal, WireReader } from './proto/wire-reader'
import type { WasmInflater } from './wasm-inflate'

/**
 * The tape of src/wasm/webcast-scan.ts: what it found in an inflated Response, read here into the
 * strings and objects the mapper takes. Valid until the inflater's next call, like the Response.
 */

// Layout (src/wasm/tape-layout.ts): a header of 8 i32s, then 48 per message. A range is two
// slots (start, end: bytes of the inflater's memory), a 64-bit integer two (low, high halves).
const HEADER = 8
const STRIDE = 48
const H_CURSOR = 0
const H_INTERNAL_EXT = 2
const H_NEED_ACK = 4
const R_KIND = 0
const R_METHOD = 1
const R_PAYLOAD = 3
const R_MSG_ID = 5
const R_FLAGS = 7
const R_CREATE_TIME = 8
const R_ROOM_ID = 10
const R_COMMON_MSG_ID = 12
const R_USER_ID = 14
const R_NICKNAME = 16
const R_SEC_UID = 18
const R_ID_STR = 20
const R_TEXT = 22
const R_COUNT = 24
const R_TOTAL = 26
const R_ACTION = 28
const R_GROUP_COUNT = 30
const R_REPEAT_COUNT = 32
const R_COMBO_COUNT = 34
const R_REPEAT_END = 36
const R_GIFT_ID = 37
const R_GROUP_ID = 39
const R_GIFT_STRUCT_ID = 41
const R_GIFT_NAME = 43
const R_GIFT_COMBO = 45
const R_GIFT_DIAMONDS = 46
const F_COMMON = 1
const F_USER = 2
const F_GIFT = 4

export class ResponseTape {
  readonly #inflater: WasmInflater
  readonly #tape: Int32Array
  /** Reads strings out of the inflater's memory. */
  readonly #text: WireReader

  private constructor(inflater: WasmInflater) {
    this.#inflater = inflater
    this.#tape = new Int32Array(
      inflater.memory.buffer,
      inflater.tapeAt,
      HEADER + STRIDE * inflater.tapeCapacity
    )
    this.#text = new WireReader(inflater.memory)
  }

  static #cache = new WeakMap<WasmInflater, ResponseTape | null>()

  /** The tape of this inflater, its scan told what we map; undefined when that does not fit. */
  static of(inflater: WasmInflater): ResponseTape | undefined {
    let tape = ResponseTape.#cache.get(inflater)
    if (tape === undefined) {
      const kinds = MAPPED_METHODS.map((name, k) => ({ name, slots: MAPPED_SPECS[k]!.slots }))
      tape = inflater.configureScan(kinds) ? new ResponseTape(inflater) : null
      ResponseTape.#cache.set(inflater, tape)
    }
    return tape ?? undefined
  }

  /** Scans the inflater's last result (`size` bytes): how many messages, or -1 (decode in JS). */
  scan(size: number): number {
    return this.#inflater.scanResult(size)
  }

  get cursor(): string {
    return this.#range(0, H_CURSOR)
  }

  get internalExt(): string {
    return this.#range(0, H_INTERNAL_EXT)
  }

  get needAck(): boolean {
    return this.#tape[H_NEED_ACK] !== 0
  }

  /**
   * Message i's method as an index of MAPPED_METHODS, its fields read (`fields`); negative when
   * the JavaScript decoder must map it (`message`): a method we do not map, or a payload the scan
   * left to it.
   */
  kind(i: number): number {
    return this.#tape[HEADER + i * STRIDE + R_KIND]!
  }

  msgId(i: number): string {
    const r = HEADER + i * STRIDE + R_MSG_ID
    return decimal(this.#tape[r]! >>> 0, this.#tape[r + 1]! >>> 0)
  }

  /** Message i as the JavaScript decoder's WireMessage (its payload in the inflater's memory). */
  message(i: number): WireMessage {
    const t = this.#tape
    const r = HEADER + i * STRIDE
    return {
      method: methodName(this.#text, t[r + R_METHOD]!, t[r + R_METHOD + 1]!),
      msgId: this.msgId(i),
      buf: this.#inflater.memory,
      start: t[r + R_PAYLOAD]!,
      end: t[r + R_PAYLOAD + 1]!
    }
  }

  /** Message i's mapped fields, as readFields gives them. */
  fields(i: number): WireFields {
    const t = this.#tape
    const r = HEADER + i * STRIDE
    const m = new WireFields()
    const flags = t[r + R_FLAGS]!
    if ((flags & F_COMMON) !== 0) {
      m.hasCommon = true
      m.createTime = this.#count(r + R_CREATE_TIME)
      const roomLo = t[r + R_ROOM_ID]! >>> 0
      const roomHi = t[r + R_ROOM_ID + 1]! >>> 0
      if (roomLo !== 0 || roomHi !== 0) m.roomId = roomIdText(roomLo, roomHi)
      m.msgIdLo = t[r + R_COMMON_MSG_ID]! >>> 0
      m.msgIdHi = t[r + R_COMMON_MSG_ID + 1]! >>> 0
    }
    if ((flags & F_USER) !== 0) {
      m.user = liveUser(
        this.#text,
        this.#decimal(r + R_USER_ID),
        this.#range(r, R_NICKNAME),
        t[r + R_ID_STR]!,
        t[r + R_ID_STR + 1]!,
        t[r + R_SEC_UID]!,
        t[r + R_SEC_UID + 1]!
      )
    }
    if ((flags & F_GIFT) !== 0) {
      m.gift = {
        id: this.#decimal(r + R_GIFT_STRUCT_ID),
        name: this.#range(r, R_GIFT_NAME),
        combo: t[r + R_GIFT_COMBO] !== 0,
        diamondCount: t[r + R_GIFT_DIAMONDS]!
      }
    }
    m.text = this.#range(r, R_TEXT)
    m.count = this.#count(r + R_COUNT)
    m.total = this.#count(r + R_TOTAL)
    m.action = this.#count(r + R_ACTION)
    m.giftId = this.#decimal(r + R_GIFT_ID)
    m.groupCount = this.#count(r + R_GROUP_COUNT)
    m.repeatCount = this.#count(r + R_REPEAT_COUNT)
    m.comboCount = this.#count(r + R_COMBO_COUNT)
    m.repeatEnd = t[r + R_REPEAT_END]!
    m.groupId = this.#decimal(r + R_GROUP_ID)
    return m
  }

  /** The text in the range at slot `at` of the record (or header) at `r`. */
  #range(r: number, at: number): string {
    return this.#text.text(this.#tape[r + at]!, this.#tape[r + at + 1]!)
  }

  // Most of a message's numbers are absent (zero): those cost one test.

  #count(at: number): number {
    const lo = this.#tape[at]!
    const hi = this.#tape[at + 1]!
    return (lo | hi) === 0 ? 0 : countOf(lo >>> 0, hi >>> 0)
  }

  #decimal(at: number): string {
    const lo = this.#tape[at]!
    const hi = this.#tape[at + 1]!
    return (lo | hi) === 0 ? '0' : decimal(lo >>> 0, hi >>> 0)
  }
}
