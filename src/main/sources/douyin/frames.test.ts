import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { SourceEvent } from '../normalize/source-event'
import { buildFrame, msg, readClientFrame } from '../testing/frame-builder'
import { FrameProcessor } from './frame-processor'
import { decodeFrame, encodeAck, FrameDecodeError, HEARTBEAT_FRAME } from './frames'
import { encodeAs, T } from './testing/protobuf-codec'

const alice = { id: '7123456789012345678', nickname: 'Alice' }

function processor() {
  const events: SourceEvent[] = []
  const p = new FrameProcessor(
    (e) => events.push(e),
    () => 1_000
  )
  return { events, p }
}

describe('frames', () => {
  it('heartbeat is exactly 3A 02 68 62', () => {
    expect(Buffer.from(HEARTBEAT_FRAME).toString('hex')).toBe('3a026862')
  })

  it('decodes a gzip frame with 64-bit ids exact and asks for the ACK', () => {
    const bytes = buildFrame(
      [
        msg.chat('7181859941539730490', alice, 'hello'),
        msg.gift('7181859941539730491', {
          user: alice,
          giftId: '463',
          name: 'Rose',
          groupId: '1667766305',
          comboCount: 3
        }),
        msg.member('7181859941539730492', alice, 42),
        msg.like('7181859941539730493', alice, 5, 100),
        msg.social('7181859941539730494', alice, 1),
        msg.roomStats('7181859941539730495', 1234)
      ],
      { logId: '9007199254741001', needAck: true, internalExt: 'opaque-ack', cursor: 'CUR1' }
    )
    const { events, p } = processor()
    const out = p.processFrame(bytes)
    expect(out.ack).toMatchObject({ logId: '9007199254741001', payload: 'opaque-ack' })
    expect(readClientFrame(out.ack!.bytes)).toEqual({
      payloadType: 'ack',
      logId: '9007199254741001',
      payload: 'opaque-ack'
    })
    expect(out.cursor).toBe('CUR1')
    expect(events.map((e) => e.type)).toEqual(['chat', 'gift', 'member', 'like', 'follow', 'stats'])
    expect(events[0]).toMatchObject({
      id: '7181859941539730490',
      roomId: '7630361251285076745',
      user: alice,
      content: 'hello',
      ts: 1776584127911
    })
    expect(events[1]!.gift).toEqual({ id: '463', name: 'Rose', count: 3, diamonds: 1 })
    expect(events[1]!.combo).toEqual({
      groupId: '1667766305',
      total: 3,
      comboable: true,
      end: false
    })
    expect(events[3]).toMatchObject({ count: 5, total: 100 })
    expect(events[5]).toMatchObject({ online: 1234 })
    expect(p.counters.errors).toBe(0)
  })

  it('reads uncompressed payloads and maps share, fans club, emoji and live end', () => {
    const bytes = buildFrame(
      [
        msg.social('1', alice, 3),
        msg.fansclub('2', alice, 2, 'Alice 加入了粉丝团'),
        msg.emoji('3', alice, '[比心]'),
        msg.userSeq('4', 77),
        msg.control('5', 3)
      ],
      { gzip: false }
    )
    const { events, p } = processor()
    const out = p.processFrame(bytes)
    expect(out.ended).toBe(true)
    expect(out.ack).toBeUndefined()
    expect(events.map((e) => e.type)).toEqual(['share', 'fansclub', 'chat', 'stats', 'end'])
    expect(events[3]).toMatchObject({ online: 77 })
  })

  it('round-trips an ACK with the log_id untouched', () => {
    const ack = readClientFrame(encodeAck('18446744073709551615', 'internal_src:dim|x:1'))
    expect(ack).toEqual({
      payloadType: 'ack',
      logId: '18446744073709551615',
      payload: 'internal_src:dim|x:1'
    })
  })

  it("the ACK echoes every log_id exactly and carries internal_ext's bytes as they were", () => {
    const { p } = processor()
    for (const logId of [
      '1',
      '4294967295',
      '4294967296',
      '9223372036854775808',
      '18446744073709551615'
    ]) {
      const internalExt = `内部:${logId}|seq:1`
      const out = p.processFrame(buildFrame([], { logId, needAck: true, internalExt }))
      expect(readClientFrame(out.ack!.bytes)).toEqual({
        payloadType: 'ack',
        logId,
        payload: internalExt
      })
      // The same bytes as the ACK built from the decimal id.
      expect(Buffer.from(out.ack!.bytes)).toEqual(Buffer.from(encodeAck(logId, internalExt)))
    }
  })

  it('computes gift counts from combo × group when repeat_count is missing', () => {
    const { events, p } = processor()
    p.processFrame(
      buildFrame([
        msg.gift('9', {
          user: alice,
          giftId: '1',
          name: 'x',
          groupId: '5',
          comboCount: 2,
          groupCount: 10
        })
      ])
    )
    expect(events[0]!.gift?.count).toBe(20)
  })
})

describe('untrusted frames', () => {
  const kindOf = (bytes: Uint8Array, limits?: Parameters<typeof decodeFrame>[1]) => {
    try {
      decodeFrame(bytes, limits)
      return 'ok'
    } catch (err) {
      return (err as FrameDecodeError).kind
    }
  }

  it('names each failure', () => {
    const valid = buildFrame([msg.chat('1', alice, 'hi')])
    expect(kindOf(valid)).toBe('ok')
    expect(kindOf(valid.subarray(0, valid.length - 3))).toBe('malformed')
    expect(kindOf(valid, { maxFrameBytes: 10, maxInflatedBytes: 1 << 20 })).toBe('oversized')
    const badGzip = encodeAs(T.PushFrame, {
      payloadType: 'msg',
      headers: [{ key: 'compress_type', value: 'gzip' }],
      payload: Buffer.from('not gzip at all')
    })
    expect(kindOf(badGzip)).toBe('gzip')
    const bomb = encodeAs(T.PushFrame, {
      payloadType: 'msg',
      headers: [{ key: 'compress_type', value: 'gzip' }],
      payload: gzipSync(Buffer.alloc(4 << 20))
    })
    expect(kindOf(bomb, { maxFrameBytes: 1 << 20, maxInflatedBytes: 1 << 20 })).toBe('oversized')
    // PushFrame.log_id (2) declared varint, sent length-delimited.
    expect(kindOf(Buffer.from([0x12, 0x02, 0x41, 0x42]))).toBe('wire-type')
  })

  it('skips one bad message and keeps the rest of the frame', () => {
    const { events, p } = processor()
    const frame = buildFrame([
      msg.raw('WebcastChatMessage', '1', Buffer.from([0x1a, 0x05, 0x61])), // truncated content
      msg.raw('WebcastRoomRankMessage', '2', Buffer.from([0x08, 0x01])), // known, not read aloud
      msg.raw('\u0000garbage', '3', Buffer.from([])), // not a method name
      msg.raw('WebcastChatMessage', '4', Buffer.from([0x10, 0x01])), // user (2) as a varint
      msg.chat('5', alice, 'still here')
    ])
    p.processFrame(frame)
    expect(events.map((e) => e.content)).toEqual(['still here'])
    expect(p.counters.errorsByKind).toEqual({ message: 2, 'bad-method': 1 })
    expect(p.counters.ignoredMessages).toBe(1)
  })

  it("a method named after Object.prototype's members is no method (it once found them)", () => {
    const { events, p } = processor()
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']
    p.processFrame(
      buildFrame(names.map((name, i) => msg.raw(name, String(i + 1), Buffer.from([]))))
    )
    expect(events).toEqual([])
    expect(p.counters.errorsByKind).toEqual({ 'bad-method': names.length })
  })
})
