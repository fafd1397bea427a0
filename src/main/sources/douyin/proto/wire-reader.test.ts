import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildFrame, msg, type TestMessage } from '../../testing/frame-builder'
import { mutate, seededRandom } from '../../testing/prng'
import { FrameProcessor } from '../frame-processor'
import { encodeAck, HEARTBEAT_FRAME } from '../frames'
import { mapMessage } from '../message-mapper'
import {
  decodeAs,
  encodeAs,
  T,
  u64,
  type PbPushFrame,
  type PbResponse
} from '../testing/protobuf-codec'
import { framePayload, readPushFrame, readResponse } from './webcast-wire'
import { AsciiNames } from './ascii-names'
import { decimal, WireReader } from './wire-reader'

// The protobufjs codec is the oracle: the hand-written reader must read what it reads.

const random = seededRandom(7)
const u64Of = (r: () => number) =>
  ((BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32))).toString()
const EDGE_IDS = [
  '0',
  '1',
  '4294967295',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '18446744073709551615'
]

describe('wire reader', () => {
  it('turns any 64-bit value into its exact decimal string', () => {
    const values = [...EDGE_IDS, ...Array.from({ length: 5000 }, () => u64Of(random))]
    for (const v of values) {
      const n = BigInt(v)
      expect(decimal(Number(n & 0xffffffffn), Number(n >> 32n))).toBe(v)
    }
  })

  it('reads varints of every length and refuses overruns', () => {
    for (const v of [...EDGE_IDS, ...Array.from({ length: 500 }, () => u64Of(random))]) {
      const bytes = encodeAs(T.Message, { msgId: v })
      const r = WireReader.of(bytes)
      r.tag()
      expect(r.uint64()).toBe(v)
      expect(r.done).toBe(true)
    }
    const cut = WireReader.of(Uint8Array.of(0x80, 0x80))
    expect(() => cut.varint64()).toThrow(RangeError)
    const long = WireReader.of(new Uint8Array(11).fill(0x80))
    expect(() => long.varint64()).toThrow(/10 bytes/)
  })

  it('keeps reads inside an embedded message it entered, then returns to the outer one', () => {
    // Field 1 (2 bytes) holds field 1 claiming 5 bytes: present in the buffer, past the embedded end.
    const overrun = WireReader.of(
      Uint8Array.of(0x0a, 0x02, 0x0a, 0x05, 0x61, 0x62, 0x63, 0x64, 0x65)
    )
    overrun.tag()
    overrun.enter()
    overrun.tag()
    expect(() => overrun.string()).toThrow(RangeError)
    // Field 1 (3 bytes: field 1 = "a"), then field 2 = "b" in the outer message.
    const r = WireReader.of(Uint8Array.of(0x0a, 0x03, 0x0a, 0x01, 0x61, 0x12, 0x01, 0x62))
    r.tag()
    const outer = r.enter()
    const inner: string[] = []
    while (!r.done) {
      r.tag()
      inner.push(r.string())
    }
    r.leave(outer)
    expect(inner).toEqual(['a'])
    expect(r.tag() >>> 3).toBe(2)
    expect(r.string()).toBe('b')
    expect(r.done).toBe(true)
    // A length past the outer end is refused when entering.
    const cut = WireReader.of(Uint8Array.of(0x0a, 0x09, 0x00))
    cut.tag()
    expect(() => cut.enter()).toThrow(RangeError)
  })
})

function corpus(): TestMessage[] {
  const user = () => ({ id: u64Of(random), nickname: `观众${Math.floor(random() * 1000)}` })
  const id = () => u64Of(random)
  return [
    msg.chat(id(), user(), '主播好[比心]'),
    msg.emoji(id(), user(), '[比心]'),
    msg.gift(id(), {
      user: user(),
      giftId: id(),
      name: '小心心',
      groupId: id(),
      repeatCount: Math.floor(random() * 100),
      comboCount: 3,
      groupCount: 10,
      repeatEnd: random() < 0.5,
      diamonds: Math.floor(random() * 1000)
    }),
    msg.like(id(), user(), 5, 2 ** 40),
    msg.member(id(), user(), 12),
    msg.social(id(), user(), 1),
    msg.userSeq(id(), 4000),
    msg.roomStats(id(), 77),
    msg.fansclub(id(), user(), 2, '加入了粉丝团'),
    msg.control(id(), 3),
    msg.chat('0', user(), 'no wrapper id')
  ]
}

describe('AsciiNames', () => {
  it('finds exactly the names it holds, whatever byte a near miss differs in', () => {
    const list = ['WebcastChatMessage', 'WebcastGiftMessage', 'WebcastLikeMessage', 'hb', 'msg']
    const names = new AsciiNames(list)
    const find = (text: string) => {
      const buf = Buffer.concat([Buffer.from('xx'), Buffer.from(text, 'latin1'), Buffer.from('y')])
      return names.find(buf, 2, 2 + Buffer.byteLength(text, 'latin1'))
    }
    for (const name of list) {
      expect(find(name)).toBe(name)
      // Every one-byte change, the first byte to the last, is no name at all.
      for (let i = 0; i < name.length; i++) {
        const miss = name.slice(0, i) + (name[i] === 'x' ? 'y' : 'x') + name.slice(i + 1)
        expect(find(miss)).toBeUndefined()
      }
      expect(find(name + 'e')).toBeUndefined()
      expect(find(name.slice(1))).toBeUndefined()
    }
    expect(find('')).toBeUndefined()
    expect(find('WebcastChatMessag\u00e9')).toBeUndefined()
  })
})

describe('webcast wire decoding against the protobufjs oracle', () => {
  it('reads PushFrame and Response fields exactly, ids included', () => {
    for (let i = 0; i < 50; i++) {
      const logId = u64Of(random)
      const bytes = buildFrame(corpus(), {
        logId,
        needAck: i % 2 === 0,
        internalExt: `ext-${i}`,
        cursor: `c-${i}`
      })
      const oracle = decodeAs<PbPushFrame>(T.PushFrame, bytes)
      const frame = readPushFrame(bytes)
      expect(frame.logId).toBe(u64(oracle.logId))
      expect(frame.payloadType).toBe(oracle.payloadType)
      expect(frame.compressType).toBe('gzip')
      const body = gunzipSync(framePayload(frame))
      const expected = decodeAs<PbResponse>(T.Response, body)
      const response = readResponse(body)
      expect(response.cursor).toBe(expected.cursor)
      expect(response.internalExt).toBe(expected.internalExt)
      expect(response.needAck).toBe(expected.needAck)
      expect(
        response.messages.map((m) => [m.method, m.msgId, m.buf.toString('hex', m.start, m.end)])
      ).toEqual(
        expected.messages.map((m) => [
          m.method,
          u64(m.msgId),
          Buffer.from(m.payload).toString('hex')
        ])
      )
    }
  })

  it('reads the headers and the frame type we act on as the oracle does, whatever else a frame carries', () => {
    const keys = [
      'compress_type',
      'im-internal_ext',
      'im-now',
      'im-cursor',
      'compress_typ',
      '压缩',
      ''
    ]
    const values = [
      'gzip',
      'none',
      'br',
      '',
      'internal_src:dim|wss_push_room_id:7181823408362015540',
      '值'
    ]
    const types = ['msg', 'hb', 'ack', 'close', 'ms', 'msgs', '消息', '']
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!
    for (let i = 0; i < 300; i++) {
      const headers = Array.from({ length: Math.floor(random() * 6) }, () =>
        random() < 0.1 ? { value: pick(values) } : { key: pick(keys), value: pick(values) }
      )
      const bytes = encodeAs(T.PushFrame, { logId: '1', headers, payloadType: pick(types) })
      const oracle = decodeAs<PbPushFrame & { headers: { key: string; value: string }[] }>(
        T.PushFrame,
        bytes
      )
      let compressType = ''
      let imInternalExt = ''
      for (const h of oracle.headers) {
        if (h.key === 'compress_type') compressType = h.value
        else if (h.key === 'im-internal_ext') imInternalExt = h.value
      }
      const frame = readPushFrame(bytes)
      expect([frame.payloadType, frame.compressType, frame.imInternalExt]).toEqual([
        oracle.payloadType,
        compressType,
        imInternalExt
      ])
    }
  })

  it('names a viewer without an id by id_str, else sec_uid, as before', () => {
    const cases = [
      [{ id: '42', idStr: '7', secUid: 'MS4wLjABAAAA' }, '42'],
      [{ idStr: '7', secUid: 'MS4wLjABAAAA' }, '7'],
      [{ secUid: 'MS4wLjABAAAA-观众' }, 'MS4wLjABAAAA-观众'],
      [{ idStr: '', secUid: '' }, '0'],
      [{}, '0']
    ] as const
    for (const [user, id] of cases) {
      const payload = Buffer.from(
        encodeAs(T.ChatMessage, { user: { ...user, nickname: '观众' }, content: 'hi' })
      )
      const e = mapMessage(
        { method: 'WebcastChatMessage', msgId: '1', buf: payload, start: 0, end: payload.length },
        1,
        () => 'fallback'
      )
      expect(e?.user).toEqual({ id, nickname: '观众' })
    }
  })

  it('maps every message kind with exact 64-bit ids', () => {
    for (let i = 0; i < 20; i++) {
      const messages = corpus()
      for (const m of messages) {
        const payload = Buffer.from(m.payload)
        const mapped = mapMessage(
          { method: m.method, msgId: m.msgId, buf: payload, start: 0, end: payload.length },
          1,
          () => 'fallback'
        )
        if (mapped === undefined) continue
        const e = mapped
        expect(e.id).toBe(m.msgId !== '0' ? m.msgId : 'fallback')
        expect(e.roomId).toBe('7630361251285076745')
        const type = T[m.method.replace(/^Webcast/, '') as keyof typeof T]
        const oracle = decodeAs<{ user?: { id: unknown; nickname: string } | null }>(
          type,
          m.payload
        )
        if (oracle.user)
          expect(e.user).toEqual({
            id: u64(oracle.user.id as never),
            nickname: oracle.user.nickname
          })
      }
    }
  })

  it('writes heartbeat and ACK bytes identical to a standard encoder', () => {
    expect(Buffer.from(HEARTBEAT_FRAME)).toEqual(
      Buffer.from(encodeAs(T.PushFrame, { payloadType: 'hb' }))
    )
    for (const logId of [...EDGE_IDS, u64Of(random), u64Of(random)]) {
      const id = BigInt.asUintN(64, BigInt(logId))
      const halves = { lo: Number(id & 0xffffffffn), hi: Number(id >> 32n) }
      for (const ext of ['', 'internal_src:dim|wss_push_room_id:7181823408362015540', '主播|é']) {
        const expected = Buffer.from(
          encodeAs(T.PushFrame, {
            logId,
            payloadType: 'ack',
            payload: new TextEncoder().encode(ext)
          })
        ).toString('hex')
        // As a decimal string, and as the two halves the frame processor passes.
        expect(Buffer.from(encodeAck(logId, ext)).toString('hex')).toBe(expected)
        expect(Buffer.from(encodeAck(halves, ext)).toString('hex')).toBe(expected)
      }
    }
  })

  it('accepts exactly the mutated frames the oracle accepts, with the same events', () => {
    const base = buildFrame(corpus(), { gzip: false, needAck: true, internalExt: 'x' })
    const r = seededRandom(99)
    let agreed = 0
    for (let i = 0; i < 2000; i++) {
      const bytes = mutate(base, r)
      let oracleOk = true
      try {
        const f = decodeAs<PbPushFrame>(T.PushFrame, bytes)
        if (f.payloadType === 'msg') decodeAs<PbResponse>(T.Response, f.payload ?? new Uint8Array())
      } catch {
        oracleOk = false
      }
      const p = new FrameProcessor(() => {})
      p.processFrame(bytes)
      const ok =
        p.counters.errorsByKind.malformed === undefined && !p.counters.errorsByKind['wire-type']
      if (ok === oracleOk) agreed++
    }
    // Both refuse wrong wire types and truncation; they may differ only on corner cases the
    // oracle tolerates (protobufjs reads past a bad UTF-8 string, for one).
    expect(agreed / 2000).toBeGreaterThan(0.97)
  })
})
