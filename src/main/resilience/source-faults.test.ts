import { describe, expect, it } from 'vitest'
import { createDouyinSource } from '../sources/douyin'
import { createRelaySource } from '../sources/relay'
import { TestContext } from '../sources/testing/collector'
import { TEST_ROOM, TestDouyinHttpServer } from '../sources/testing/douyin-http-server'
import { buildFrame, msg } from '../sources/testing/frame-builder'
import { seededRandom } from '../sources/testing/prng'
import { TestPushServer, type PushConnection } from '../sources/testing/push-server'
import { barrageGrabPack, TestRelayServer } from '../sources/testing/relay-server'
import { useCleanups } from '../testing/cleanups'

/**
 * Servers that drop the connection again and again. Each test asserts that every message the
 * server delivered became exactly one event, and that the reconnects back off as they should.
 */
const defer = useCleanups()

const ROOM = TEST_ROOM
const user = (i: number) => ({
  id: String(7_100_000_000_000_000_000n + BigInt(i)),
  nickname: `观众${i}`
})

async function douyin(tuning: Record<string, unknown>) {
  const http = await TestDouyinHttpServer.start()
  const push = await TestPushServer.start({ pingIntervalMs: 40 })
  http.addRoom({ ...ROOM })
  const ctx = new TestContext()
  const source = createDouyinSource(
    ROOM.webRid,
    { speed: 1, assetsDir: '' },
    { base: http.base, ws: push.url, mode: 'direct' },
    {
      tuning: { heartbeatMs: 30, stallMs: 5_000, random: seededRandom(7), ...tuning },
      normalize: { likeWindowMs: 0, giftIdleMs: 60_000, memberIntervalMs: 0 }
    }
  )
  const run = source.run(ctx)
  defer(async () => {
    ctx.stop()
    await run.catch(() => undefined)
    await push.close()
    await http.close()
  })
  return { http, push, ctx, source, run }
}

describe('Douyin push server dropping every 150 ms', () => {
  it('resumes from its cursor after every drop: 200 messages, each received exactly once', async () => {
    const TOTAL = 200
    const { push, ctx, source, run } = await douyin({
      backoff: { baseMs: 10, maxMs: 40, jitterMs: 5 },
      stableMs: 50
    })
    // The server resends from the cursor the client reconnects with, like Douyin's.
    push.onConnect((c: PushConnection) => {
      const cursor = c.query.get('cursor') ?? ''
      let next = /^c-(\d+)$/.test(cursor) ? Number(cursor.slice(2)) + 1 : 0
      const timer = setInterval(() => {
        if (c.closed) return clearInterval(timer)
        if (next >= TOTAL) {
          clearInterval(timer)
          return push.send(buildFrame([msg.control('end', 3)]), c)
        }
        const i = next++
        push.send(
          buildFrame([msg.chat(String(1000 + i), user(i), `第${i}条`)], { cursor: `c-${i}` }),
          c
        )
      }, 3)
      setTimeout(() => push.drop(c), 150)
    })
    await run
    const chats = ctx.ofType('chat')
    expect(chats.map((e) => e.content)).toEqual(Array.from({ length: TOTAL }, (_, i) => `第${i}条`))
    expect(new Set(chats.map((e) => e.id)).size).toBe(TOTAL)
    expect(source.status().reconnects).toBeGreaterThanOrEqual(2)
  })

  it('one frame, then a drop, again and again: the backoff keeps growing (it used to reset on any data)', async () => {
    const { push } = await douyin({
      backoff: { baseMs: 20, maxMs: 5_000, jitterMs: 0 },
      stableMs: 60_000
    })
    const opened: number[] = []
    push.onConnect((c) => {
      opened.push(Date.now())
      push.send(buildFrame([msg.chat(String(opened.length), user(1), 'hi')]), c)
      setTimeout(() => push.drop(c), 5)
    })
    await push.until(() => opened.length >= 6, 'six connections', 20_000)
    const gaps = opened.slice(1).map((t, i) => t - opened[i]!)
    // Retry k waits at least 20 ms × 2^(k−1): 20, 40, 80, 160, 320 ms.
    gaps.forEach((gap, k) => expect(gap, `gap ${k + 1}`).toBeGreaterThanOrEqual(20 * 2 ** k))
  })
})

describe('relay (BarrageGrab) dropping every 100 ms', () => {
  it('every message delivered before each drop is received exactly once, across 5+ reconnects', async () => {
    const server = await TestRelayServer.start()
    const ctx = new TestContext()
    const source = createRelaySource(
      server.url,
      { speed: 1, assetsDir: '' },
      {
        tuning: { backoff: { baseMs: 5, maxMs: 20, jitterMs: 1 }, pingMs: 1000, stableMs: 50 },
        normalize: { likeWindowMs: 0, memberIntervalMs: 0, giftIdleMs: 60_000 }
      }
    )
    const run = source.run(ctx)
    defer(async () => {
      ctx.stop()
      await run.catch(() => undefined)
      await server.close()
    })
    const TOTAL = 300
    let next = 0
    let delivered = 0
    let connections = 0
    server.onConnect((ws) => {
      connections++
      const timer = setInterval(() => {
        if (next >= TOTAL) {
          clearInterval(timer)
          return ws.send(barrageGrabPack(9, { MsgId: 9999n, Content: '直播已结束' }))
        }
        const i = next++
        ws.send(
          barrageGrabPack(1, {
            MsgId: 7_200_000_000_000_000_000n + BigInt(i),
            User: { Id: BigInt(1000 + i), Nickname: `观众${i}` },
            Content: `第${i}条`
          }),
          (err) => (err ? undefined : delivered++)
        )
      }, 2)
      // Drop only once what was sent has left: a relay has no acks, so what is in flight when a
      // socket dies is gone by design; everything delivered must arrive.
      setTimeout(() => {
        clearInterval(timer)
        setTimeout(() => ws.terminate(), 20)
      }, 100)
    })
    await run
    const chats = ctx.ofType('chat')
    expect(chats).toHaveLength(delivered)
    expect(delivered).toBe(TOTAL)
    expect(chats.map((e) => e.content)).toEqual(Array.from({ length: TOTAL }, (_, i) => `第${i}条`))
    expect(connections).toBeGreaterThanOrEqual(5)
  })
})
