import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildFrame, msg } from '../testing/frame-builder'
import { mutate, seededRandom } from '../testing/prng'
import { FrameProcessor, type FrameOutcome } from './frame-processor'
import { FrameDecodeError } from './frames'
import { MAPPED_METHODS, MAPPED_SPECS } from './message-mapper'
import { Slot } from './proto/field-tables'
import { WasmInflater } from './wasm-inflate'
import { encodeAs, T } from './testing/protobuf-codec'

/**
 * The WebAssembly scan (src/wasm/webcast-scan.ts, read by response-tape.ts) against the JavaScript
 * decoder it mirrors: the same frames through a processor that scans and one that does not must
 * give the same events, outcomes, counters and errors, whatever the frames hold.
 */

type Random = () => number

/** Protobuf wire bytes, written by hand so that anything can be written: wrong types, repeats. */
class Writer {
  readonly parts: number[] = []
  varint(value: bigint, pad = 0): this {
    let v = BigInt.asUintN(64, value)
    while (v >= 0x80n || pad > 0) {
      this.parts.push(Number(v & 0x7fn) | 0x80)
      v >>= 7n
      if (v === 0n && pad > 0) pad--
    }
    this.parts.push(Number(v))
    return this
  }
  tag(field: number, wire: number, pad = 0): this {
    return this.varint(BigInt(field * 8 + wire), pad)
  }
  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(BigInt(data.length))
    for (const b of data) this.parts.push(b)
    return this
  }
  get buffer(): Buffer {
    return Buffer.from(this.parts)
  }
}

const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!

/** Values at the edges of 8, 32, 53 and 64 bits, counts' 10^15 clamp, and zero. */
function number(random: Random): bigint {
  return pick(random, [
    0n,
    1n,
    3n,
    127n,
    128n,
    257n,
    2n ** 31n,
    2n ** 32n,
    2n ** 32n + 5n,
    10n ** 15n - 1n,
    10n ** 15n,
    2n ** 53n + 1n,
    7_181_859_941_539_000_123n,
    2n ** 64n - 1n,
    BigInt(Math.floor(random() * 2 ** 40))
  ])
}

/** Texts: Chinese, emoji, empty, long, and bytes that are not UTF-8. */
function text(random: Random): Uint8Array {
  return pick(random, [
    Buffer.from('观众1234'),
    Buffer.from('主播好，今天播多久呀[比心]'),
    Buffer.from('😀👍🏻'),
    Buffer.alloc(0),
    Buffer.from('长'.repeat(40)),
    Uint8Array.of(0x61, 0xe4, 0xb8, 0x62, 0xff),
    Buffer.from('Anna')
  ])
}

/**
 * A field of a random wire type (groups included: the scan leaves those to JavaScript); field
 * number 0 is refused by both.
 */
function anyField(w: Writer, random: Random, field: number): void {
  const wire = pick(random, [0, 0, 2, 2, 1, 5, 3])
  if (wire === 0) w.tag(field, 0).varint(number(random))
  else if (wire === 2) w.bytes(field, text(random))
  else if (wire === 1) w.tag(field, 1).parts.push(1, 2, 3, 4, 5, 6, 7, 8)
  else if (wire === 5) w.tag(field, 5).parts.push(1, 2, 3, 4)
  else w.tag(field, 3).tag(1, 0).varint(5n).tag(field, 4)
}

/** An embedded message: its known fields (number → wire type) in any order, repeated, or wrong. */
function embedded(random: Random, known: Record<number, 0 | 2>): Uint8Array {
  const w = new Writer()
  const fields = Object.keys(known).map(Number)
  for (let i = Math.floor(random() * 7); i > 0; i--) {
    if (random() < 0.15) {
      anyField(w, random, pick(random, [0, 5, 9, 17, 100, 2000]))
      continue
    }
    const field = pick(random, fields)
    const wire = random() < 0.03 ? 2 - known[field]! : known[field]!
    // Now and then a tag written with redundant bytes, as the reference accepts.
    const pad = random() < 0.05 ? 2 : 0
    if (wire === 0) w.tag(field, 0, pad).varint(number(random))
    else {
      w.tag(field, 2, pad)
      const data = text(random)
      w.varint(BigInt(data.length))
      for (const b of data) w.parts.push(b)
    }
  }
  return w.buffer
}

const COMMON = { 1: 2, 2: 0, 3: 0, 4: 0, 7: 2 } as const
const USER = { 1: 0, 2: 0, 3: 2, 38: 2, 46: 2, 1028: 2 } as const
const GIFT = { 2: 2, 5: 0, 10: 0, 11: 0, 12: 0, 16: 2 } as const

/** A payload for a mapped method, from its field table: every slot kind, in any order. */
function payload(random: Random, kind: number): Uint8Array {
  const slots = MAPPED_SPECS[kind]!.slots
  const declared = [...slots.keys()].filter((f) => (slots[f]! as Slot) !== Slot.None)
  const w = new Writer()
  for (let i = 1 + Math.floor(random() * 8); i > 0; i--) {
    if (random() < 0.1) {
      anyField(w, random, pick(random, [0, 30, 31, 60, 99]))
      continue
    }
    const field = pick(random, declared)
    const slot = slots[field]! as Slot
    const nested =
      slot === Slot.Common
        ? COMMON
        : slot === Slot.Gift
          ? GIFT
          : slot === Slot.User || slot === Slot.UnusedUser
            ? USER
            : undefined
    const isLen = nested !== undefined || slot === Slot.Text || slot === Slot.Len
    const wrong = random() < 0.03
    if (isLen !== wrong) w.bytes(field, nested ? embedded(random, nested) : text(random))
    else w.tag(field, 0).varint(number(random))
  }
  return w.buffer
}

const METHODS = [
  ...MAPPED_METHODS,
  'WebcastRoomRankMessage',
  'WebcastSomethingNewMessage',
  'constructor',
  'toString',
  '__proto__',
  'not a method',
  'Webcast消息'
]

/** A Response: messages of every kind, envelope fields, and now and then something wrong. */
function response(random: Random): Buffer {
  const w = new Writer()
  for (let i = Math.floor(random() * 9); i > 0; i--) {
    const m = new Writer()
    const mapped = random() < 0.8
    const kind = Math.floor(random() * MAPPED_METHODS.length)
    if (random() < 0.97)
      m.bytes(1, Buffer.from(mapped ? MAPPED_METHODS[kind]! : pick(random, METHODS), 'utf8'))
    if (random() < 0.95) m.bytes(2, payload(random, kind))
    if (random() < 0.9) m.tag(3, 0).varint(number(random))
    if (random() < 0.3) m.tag(4, 0).varint(1n)
    if (random() < 0.05) anyField(m, random, 9)
    w.bytes(1, m.buffer)
  }
  if (random() < 0.9) w.bytes(2, Buffer.from(`cursor-${Math.floor(random() * 100)}`))
  if (random() < 0.8) w.bytes(5, text(random))
  if (random() < 0.8) w.tag(9, 0).varint(pick(random, [0n, 1n, 2n ** 32n, 3n]))
  if (random() < 0.3) w.tag(3, 0).varint(1000n)
  if (random() < 0.2) w.bytes(10, text(random))
  if (random() < 0.05) anyField(w, random, pick(random, [1, 2, 9, 20]))
  return w.buffer
}

function frame(body: Uint8Array, logId = '7181859941539000777'): Uint8Array {
  return encodeAs(T.PushFrame, {
    logId,
    payloadType: 'msg',
    headers: [
      { key: 'compress_type', value: 'gzip' },
      { key: 'im-internal_ext', value: 'header-ext' }
    ],
    payload: gzipSync(body)
  })
}

/** Everything a processor says about a run of frames. */
function run(frames: Uint8Array[], scan: boolean) {
  const events: unknown[] = []
  const errors: string[] = []
  const limits = { maxFrameBytes: 1 << 20, maxInflatedBytes: 1 << 20, maxMessagesPerFrame: 6 }
  const p = new FrameProcessor(
    (e) => events.push(e),
    () => 1_776_584_127_911,
    limits,
    (e: FrameDecodeError) => errors.push(`${e.kind}: ${e.message}`),
    scan
  )
  const outcomes = frames.map((f) => {
    const o: FrameOutcome = p.processFrame(f)
    return o.ack ? { ...o, ack: { ...o.ack, bytes: Buffer.from(o.ack.bytes).toString('hex') } } : o
  })
  const { scanned, ...counters } = p.counters
  return { result: { events, errors, outcomes, counters }, scanned }
}

describe('the WebAssembly Response scan, against the JavaScript decoder', () => {
  it('gives the same events, outcomes, counters and errors on random Responses', () => {
    const random = seededRandom(2026)
    const frames = Array.from({ length: 3000 }, () => frame(response(random)))
    const scanned = run(frames, true)
    const reference = run(frames, false)
    expect(scanned.result).toEqual(reference.result)
    // Most frames went through the scan, and the rest were left to the reference.
    expect(reference.scanned).toBe(0)
    expect(scanned.scanned).toBeGreaterThan(1500)
    expect(scanned.scanned).toBeLessThan(frames.length)
    expect(reference.result.events.length).toBeGreaterThan(3000)
    expect(reference.result.errors.length).toBeGreaterThan(100)
  })

  it('the same on damaged Responses (bytes flipped, cut, spliced)', () => {
    const random = seededRandom(7)
    const frames = Array.from({ length: 3000 }, () => frame(mutate(response(random), random)))
    const scanned = run(frames, true)
    expect(scanned.result).toEqual(run(frames, false).result)
    expect(scanned.scanned).toBeGreaterThan(500)
  })

  it('the same on the frames the builder makes, ids past 2^53 and every kind of event', () => {
    const bob = { id: '7123456789012345678', nickname: '用户😀' }
    const frames = [
      buildFrame(
        [
          msg.chat('7181859941539000001', bob, '主播好'),
          msg.emoji('2', bob, '[比心]'),
          msg.gift('3', {
            user: bob,
            giftId: '463',
            name: '小心心',
            groupId: '18446744073709551615',
            repeatCount: 3,
            combo: true,
            diamonds: 1
          }),
          msg.like('4', bob, 5, 100),
          msg.member('5', bob, 12),
          msg.social('6', bob, 1),
          msg.userSeq('7', 40)
        ],
        { needAck: true, internalExt: '内部:1|seq:1', logId: '18446744073709551615' }
      ),
      buildFrame([msg.control('8', 3)], { needAck: true })
    ]
    const scanned = run(frames, true)
    expect(scanned.result).toEqual(run(frames, false).result)
    expect(scanned.scanned).toBe(2)
    expect(scanned.result.events).toHaveLength(6 + 1)
  })

  it("a method named like Object.prototype's members maps to nothing, as any unknown name", () => {
    const frames = ['constructor', 'toString', '__proto__', 'hasOwnProperty'].map((method) =>
      frame(
        new Writer().bytes(
          1,
          new Writer().bytes(1, Buffer.from(method)).tag(3, 0).varint(9n).buffer
        ).buffer
      )
    )
    for (const scan of [true, false]) {
      const { result } = run(frames, scan)
      expect(result.events).toEqual([])
      expect(result.errors).toEqual([
        'bad-method: not a method name: "constructor"',
        'bad-method: not a method name: "toString"',
        'bad-method: not a method name: "__proto__"',
        'bad-method: not a method name: "hasOwnProperty"'
      ])
    }
  })

  it('is not configured with more kinds, or longer names, than the module holds', () => {
    const inflater = WasmInflater.get()!
    const kinds = MAPPED_METHODS.map((name, k) => ({ name, slots: MAPPED_SPECS[k]!.slots }))
    expect(inflater.configureScan(Array.from({ length: 17 }, () => kinds[0]!))).toBe(false)
    expect(inflater.configureScan([{ name: 'W'.repeat(33), slots: kinds[0]!.slots }])).toBe(false)
    // As ResponseTape configures it.
    expect(inflater.configureScan(kinds)).toBe(true)
  })
})
