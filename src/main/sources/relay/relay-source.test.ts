import { createServer as createHttpServer } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TestContext } from '../testing/collector'
import { barrageGrabPack, TestRelayServer } from '../testing/relay-server'
import { createRelaySource, type RelaySourceOverrides } from './index'
import type { LiveSourceStatus } from '../douyin/status-board'

const user = {
  Id: 7123456789012345679n,
  ShortId: 67322853592n,
  DisplayId: 'TZ11306',
  Nickname: '渴死的鱼.',
  Level: 0,
  PayLevel: 14,
  Gender: 1,
  HeadImgUrl: 'https://p26.douyinpic.com/x.jpeg',
  SecUid: 'MS4wLjABAAAA',
  FansClub: { ClubName: '', Level: 0 },
  FollowerCount: 13,
  FollowStatus: 1,
  FollowingCount: 259
}
const owner = {
  UserId: '3789344204128560',
  SecUid: 'MS4wLjABAAAAx',
  Nickname: '主播名',
  HeadUrl: 'https://x',
  FollowStatus: 0
}
const base = (id: bigint) => ({
  MsgId: id,
  RoomId: '7181823408362015540',
  WebRoomId: '80017709309',
  User: user,
  Onwer: owner
})

let server: TestRelayServer
let ctx: TestContext
let run: Promise<void> | undefined

beforeEach(async () => {
  server = await TestRelayServer.start()
  ctx = new TestContext()
  run = undefined
})

afterEach(async () => {
  ctx.stop()
  await run?.catch(() => undefined)
  await server.close()
})

function start(url = server.url, overrides: RelaySourceOverrides = {}) {
  const source = createRelaySource(
    url,
    { speed: 1, assetsDir: '' },
    {
      tuning: { backoff: { baseMs: 5, maxMs: 20, jitterMs: 1 }, pingMs: 50, ...overrides.tuning },
      normalize: { likeWindowMs: 0, memberIntervalMs: 0, giftIdleMs: 60_000 }
    }
  )
  run = source.run(ctx)
  return source
}

describe('relay: BarrageGrab format', () => {
  it('maps types 1–9 with 64-bit ids exact and folds gift increments into one event', async () => {
    server.onConnect(() => {
      const packs = [
        barrageGrabPack(1, { ...base(7123456789012345678n), Content: '主播晚上好' }),
        barrageGrabPack(2, {
          ...base(7181860000000000002n),
          Count: 15,
          Total: 23045,
          Content: '…'
        }),
        barrageGrabPack(3, { ...base(7181860000000000003n), CurrentCount: 1234 }),
        barrageGrabPack(4, { ...base(7181860000000000004n) }),
        // A combo as BarrageGrab relays it: increments (GiftCount) plus the running total (RepeatCount).
        ...[
          [7181860000000000010n, 1, 1],
          [7181860000000000011n, 2, 3],
          [7181860000000000012n, 2, 3], // pushed twice under another id
          [7181860000000000013n, 3, 6]
        ].map(([id, inc, total]) =>
          barrageGrabPack(5, {
            ...base(id as bigint),
            GiftId: 463,
            GiftName: '小心心',
            GroupId: 1667766305n,
            GiftCount: inc as number,
            RepeatCount: total as number,
            DiamondCount: 1,
            Combo: true,
            ImgUrl: 'https://x.png',
            ToUser: null
          })
        ),
        barrageGrabPack(6, {
          ...base(7181860000000000020n),
          User: null,
          OnlineUserCount: 321,
          TotalUserCount: 9000,
          TotalUserCountStr: '9000',
          OnlineUserCountStr: '321'
        }),
        barrageGrabPack(7, {
          ...base(7181860000000000021n),
          Type: 2,
          Level: 1,
          Content: '渴死的鱼. 加入了粉丝团'
        }),
        barrageGrabPack(8, { ...base(7181860000000000022n), ShareType: 1 }),
        barrageGrabPack(9, { ...base(7181860000000000023n), User: null, Content: '直播已结束' })
      ]
      for (const p of packs) server.send(p)
    })
    const source = start()
    await run
    expect(ctx.events.map((e) => e.type)).toEqual([
      'chat',
      'like',
      'member',
      'follow',
      'stats',
      'fansclub',
      'share',
      'gift',
      'end'
    ])
    expect(ctx.events[0]).toMatchObject({
      id: '7123456789012345678',
      roomId: '7181823408362015540',
      user: { id: '7123456789012345679', nickname: '渴死的鱼.' },
      content: '主播晚上好'
    })
    expect(ctx.ofType('like')[0]).toMatchObject({ count: 15, total: 23045 })
    expect(ctx.ofType('stats')[0]!.online).toBe(321)
    expect(ctx.ofType('gift')[0]).toMatchObject({
      id: '7181860000000000010',
      gift: { id: '463', name: '小心心', count: 6, diamonds: 1 }
    })
    expect(ctx.ofType('end')[0]!.content).toBe('直播已结束')
    expect(source.status() as LiveSourceStatus).toMatchObject({
      kind: 'relay',
      connector: 'relay',
      state: 'ended',
      roomId: '7181823408362015540',
      anchor: '主播名',
      decodeErrors: 0,
      reconnects: 0
    })
  })

  it('counts garbage as decode errors, ignores unknown types, and reconnects after a drop', async () => {
    let n = 0
    server.onConnect((ws) => {
      if (n++ === 0) {
        server.send('not json', ws)
        server.send(Buffer.from([1, 2, 3]), ws)
        server.send(barrageGrabPack(42, { MsgId: 1n }), ws)
        server.send(barrageGrabPack(1, { ...base(1n), Content: 'first' }), ws)
        void ctx.until(() => ctx.events.length >= 1, 'first chat').then(() => ws.terminate())
      } else {
        server.send(barrageGrabPack(1, { ...base(2n), Content: 'second' }), ws)
        server.send(barrageGrabPack(9, { ...base(3n), User: null, Content: '直播已结束' }), ws)
      }
    })
    const source = start()
    await run
    expect(ctx.ofType('chat').map((e) => e.content)).toEqual(['first', 'second'])
    expect(source.status() as LiveSourceStatus).toMatchObject({
      reconnects: 1,
      decodeErrors: 2,
      ignoredMessages: 1
    })
  })

  it('says the relay is not running when nothing listens, and counts every retry', async () => {
    const url = server.url
    await server.close()
    server = await TestRelayServer.start()
    const source = start(url)
    await expect
      .poll(() => source.status().reconnects, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3)
    expect(source.status()).toMatchObject({
      state: 'reconnecting',
      reason: 'relay-not-running',
      errno: 'ECONNREFUSED'
    })
    ctx.stop()
    await run
  })

  it('tells a network failure and a server that is not a relay apart from "not running"', async () => {
    // A TCP server that hangs up at once: the network failed, something is there.
    const hangUp = createServer((socket) => socket.destroy())
    await new Promise<void>((r) => hangUp.listen(0, '127.0.0.1', r))
    const web = createHttpServer((_req, res) => res.writeHead(404).end())
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r))
    try {
      const port = (s: { address(): unknown }) => (s.address() as AddressInfo).port
      let source = start(`ws://127.0.0.1:${port(hangUp)}`)
      await expect.poll(() => source.status().reason, { timeout: 10_000 }).toBeDefined()
      expect(source.status()).toMatchObject({ reason: 'network', errno: 'ECONNRESET' })
      ctx.stop()
      await run
      ctx = new TestContext()
      source = start(`ws://127.0.0.1:${port(web)}`)
      await expect.poll(() => source.status().reason, { timeout: 10_000 }).toBeDefined()
      expect(source.status()).toMatchObject({ reason: 'relay-bad-answer' })
      ctx.stop()
      await run
    } finally {
      hangUp.close()
      web.close()
    }
  })

  it('validates the spec with a code the UI words', () => {
    expect(() => createRelaySource('http://x', { speed: 1, assetsDir: '' })).toThrow(
      /WebSocket URL/
    )
    try {
      createRelaySource('http://x', { speed: 1, assetsDir: '' })
    } catch (err) {
      expect(err).toMatchObject({ code: 'bad-relay-url', params: { input: 'http://x' } })
    }
    expect(createRelaySource('', { speed: 1, assetsDir: '' }).kind).toBe('relay')
  })
})
