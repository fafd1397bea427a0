import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildFrame, buildResponse, msg } from '../testing/frame-builder'
import { mutate, seededRandom } from '../testing/prng'
import { FrameProcessor } from './frame-processor'
import { encodeAs, T } from './testing/protobuf-codec'

const bob = { id: '7123456789012345678', nickname: '用户****' }
const messages = [
  msg.chat('1', bob, '主播好'),
  msg.gift('2', { user: bob, giftId: '463', name: '小心心', groupId: '99', repeatCount: 3 }),
  msg.like('3', bob, 5, 100),
  msg.member('4', bob, 12),
  msg.social('5', bob, 1),
  msg.userSeq('6', 40),
  msg.control('7', 3)
]

describe('decoder fuzzing (seeded, bounded)', () => {
  const events: unknown[] = []
  const p = new FrameProcessor(
    (e) => events.push(e),
    () => 0,
    { maxFrameBytes: 1 << 20, maxInflatedBytes: 4 << 20 }
  )
  const valid = [
    buildFrame(messages, { needAck: true, internalExt: 'x' }),
    buildFrame(messages, { gzip: false })
  ]
  const response = buildResponse(messages)

  it('survives random bytes', () => {
    const random = seededRandom(1)
    for (let i = 0; i < 3000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 300) }, () =>
        Math.floor(random() * 256)
      )
      expect(() => p.processFrame(bytes)).not.toThrow()
    }
  })

  it('survives mutated frames, inner responses and message payloads', () => {
    const random = seededRandom(42)
    for (let i = 0; i < 3000; i++) {
      const base = valid[i % 2]!
      expect(() => p.processFrame(mutate(base, random, valid[0]))).not.toThrow()
      // Mutate inside the gzip so the damage reaches Response and Message decoding.
      const inner = mutate(response, random)
      const frame = encodeAs(T.PushFrame, {
        payloadType: 'msg',
        headers: [{ key: 'compress_type', value: 'gzip' }],
        payload: gzipSync(inner)
      })
      expect(() => p.processFrame(frame)).not.toThrow()
    }
    const c = p.counters
    expect(c.errors).toBeGreaterThan(0)
    expect(c.frames).toBeGreaterThan(0)
    // The decoder kept working: a clean frame after all that still decodes.
    const before = events.length
    p.processFrame(valid[0]!)
    expect(events.length - before).toBe(messages.length)
  })
})
