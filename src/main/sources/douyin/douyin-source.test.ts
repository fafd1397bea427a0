import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LiveSource } from '../source'
import { TestContext } from '../testing/collector'
import { TEST_ROOM, TestDouyinHttpServer, type TestRoom } from '../testing/douyin-http-server'
import { buildFrame, msg } from '../testing/frame-builder'
import { seededRandom } from '../testing/prng'
import { TestPushServer, type PushConnection } from '../testing/push-server'
import { createDouyinSource, type DouyinSourceOverrides } from './index'
import { pushQueryPairs } from './push-url'
import type { LiveSourceStatus } from './status-board'

const alice = { id: '7123456789012345678', nickname: 'Alice' }
const bob = { id: '7123456789012345679', nickname: '用户****' }

let http: TestDouyinHttpServer
let push: TestPushServer
let ctx: TestContext
let run: Promise<void> | undefined
let room: TestRoom

beforeEach(async () => {
  http = await TestDouyinHttpServer.start()
  push = await TestPushServer.start({ pingIntervalMs: 40 })
  room = { ...TEST_ROOM }
  http.addRoom(room)
  ctx = new TestContext()
  run = undefined
})

afterEach(async () => {
  ctx.stop()
  await run?.catch(() => undefined)
  await push.close()
  await http.close()
})

function start(
  mode = 'direct',
  overrides: DouyinSourceOverrides = {},
  arg = `https://live.douyin.com/${room.webRid}`
) {
  const source = createDouyinSource(
    arg,
    { speed: 1, assetsDir: '' },
    { base: http.base, ws: push.url, mode },
    {
      tuning: {
        heartbeatMs: 30,
        stallMs: 5_000,
        notLivePollMs: 20,
        backoff: { baseMs: 10, maxMs: 40, jitterMs: 5 },
        random: seededRandom(3),
        ...overrides.tuning
      },
      normalize: {
        likeWindowMs: 60_000,
        giftIdleMs: 60_000,
        memberIntervalMs: 0,
        ...overrides.normalize
      }
    }
  )
  run = source.run(ctx)
  return source
}

/** Runs `script` for each accepted connection, in order. */
function script(...steps: ((c: PushConnection) => Promise<void> | void)[]) {
  let n = 0
  push.onConnect((c) => {
    const step = steps[n++]
    if (step !== undefined) void Promise.resolve(step(c)).catch(() => undefined)
  })
}

const endFrame = () => buildFrame([msg.control('99', 3)])

describe('douyin direct session against local servers', () => {
  it('cookie → room → socket → every event type → live end, with heartbeats, ACKs and pongs', async () => {
    script(async (c) => {
      push.send(
        buildFrame(
          [
            msg.chat('101', alice, '主播好'),
            msg.gift('102', {
              user: alice,
              giftId: '463',
              name: '小心心',
              groupId: '1667766305',
              repeatCount: 1
            }),
            msg.like('103', bob, 3, 1000),
            msg.member('104', bob, 88)
          ],
          { logId: '9007199254741001', needAck: true, internalExt: 'internal_src:pushserver|seq:1' }
        )
      )
      push.send(
        buildFrame(
          [
            msg.gift('105', {
              user: alice,
              giftId: '463',
              name: '小心心',
              groupId: '1667766305',
              repeatCount: 2
            }),
            msg.gift('105', {
              user: alice,
              giftId: '463',
              name: '小心心',
              groupId: '1667766305',
              repeatCount: 2
            }),
            msg.gift('106', {
              user: alice,
              giftId: '463',
              name: '小心心',
              groupId: '1667766305',
              repeatCount: 3,
              repeatEnd: true
            }),
            msg.like('107', bob, 4, 1004),
            msg.social('108', alice, 1),
            msg.social('109', bob, 3),
            msg.userSeq('110', 1234)
          ],
          { logId: '8726349535470258530', needAck: true, internalExt: 'ack-2' }
        )
      )
      await push.until(
        () => c.heartbeats >= 3 && c.pongs >= 1 && c.acks.length >= 2,
        'heartbeats, pongs and acks'
      )
      push.send(endFrame())
    })
    const source = start()
    await run
    expect(ctx.events.map((e) => e.type)).toEqual([
      'chat',
      'member',
      'gift',
      'follow',
      'share',
      'stats',
      'like',
      'end'
    ])
    expect(ctx.ofType('chat')[0]).toMatchObject({
      id: '101',
      user: alice,
      content: '主播好',
      roomId: '7630361251285076745'
    })
    expect(ctx.ofType('gift')[0]!.gift).toEqual({
      id: '463',
      name: '小心心',
      count: 3,
      diamonds: 1
    })
    expect(ctx.ofType('like')[0]).toMatchObject({
      count: 7,
      total: 1004,
      user: { ...bob, masked: true }
    })
    expect(ctx.ofType('stats')[0]!.online).toBe(1234)

    const c = push.connections[0]!
    expect(c.acks).toEqual([
      { logId: '9007199254741001', payload: 'internal_src:pushserver|seq:1' },
      { logId: '8726349535470258530', payload: 'ack-2' }
    ])
    expect(c.heartbeats).toBeGreaterThanOrEqual(3)
    expect(c.pongs).toBeGreaterThanOrEqual(1)

    const hs = push.handshakes[0]!
    expect(hs.accepted).toBe(true) // strict server: signature, UA, Origin and ttwid all checked
    expect([...hs.query.keys()]).toEqual(
      pushQueryPairs({
        roomId: '',
        userUniqueId: '',
        userAgent: '',
        cursor: '',
        internalExt: '',
        signature: ''
      }).map(([k]) => k)
    )
    expect(hs.query.get('room_id')).toBe(room.roomId)
    expect(hs.query.get('user_unique_id')).toBe(room.userUniqueId)
    expect(hs.query.get('browser_version')).toMatch(/^5\.0 \(Windows NT 10\.0; Win64; x64\)/)
    expect(hs.headers.cookie).toContain('ttwid=')
    expect(hs.headers.referer).toBe(`${http.base}/${room.webRid}`)
    expect(http.requests.map((r) => r.path).slice(0, 2)).toEqual(['/', `/${room.webRid}`])

    const s = source.status() as LiveSourceStatus
    expect(s).toMatchObject({
      kind: 'douyin',
      connector: 'direct',
      state: 'ended',
      reason: 'live-ended',
      roomId: room.roomId,
      roomTitle: room.title,
      anchor: room.anchor,
      reconnects: 0,
      decodeErrors: 0
    })
    expect(s.lastFrameAgeMs).toBeGreaterThanOrEqual(0)
    expect(s.eventsByType).toMatchObject({
      chat: 1,
      gift: 4,
      like: 2,
      member: 1,
      follow: 1,
      share: 1,
      stats: 1,
      end: 1
    })
  })

  it('reconnects after a drop, re-resolving the room, with status reason "dropped"', async () => {
    let seen: LiveSourceStatus | undefined
    script(
      async (c) => {
        push.send(buildFrame([msg.chat('1', alice, 'one')]))
        await push.until(() => c.heartbeats >= 1, 'first heartbeat')
        push.drop(c)
      },
      () => {
        seen = source.status() as LiveSourceStatus
        push.send(buildFrame([msg.chat('2', alice, 'two')]))
        push.send(endFrame())
      }
    )
    const source = start()
    await run
    expect(ctx.ofType('chat').map((e) => e.content)).toEqual(['one', 'two'])
    expect(seen).toMatchObject({ state: 'reconnecting', reason: 'dropped' })
    expect(source.status().reconnects).toBe(1)
    expect(http.requests.filter((r) => r.path === `/${room.webRid}`)).toHaveLength(2)
  })

  it('reconnects after a silent stall detected by the no-data watchdog', async () => {
    let seen: LiveSourceStatus | undefined
    script(
      (c) => {
        push.send(buildFrame([msg.chat('1', alice, 'before stall')]))
        push.stall(c)
      },
      () => {
        seen = source.status() as LiveSourceStatus
        push.send(buildFrame([msg.chat('2', alice, 'after stall')]))
        push.send(endFrame())
      }
    )
    const source = start('direct', { tuning: { stallMs: 200 } })
    await run
    expect(seen).toMatchObject({ state: 'reconnecting', reason: 'stalled' })
    expect(push.connections[0]!.closed).toBe(true)
    expect(ctx.ofType('chat').map((e) => e.content)).toEqual(['before stall', 'after stall'])
  })

  it('ends when the room went offline while the socket was down', async () => {
    script((c) => {
      push.send(buildFrame([msg.chat('1', alice, 'bye')]))
      room.status = 4
      push.drop(c)
    })
    const source = start()
    await run
    expect(ctx.events.map((e) => e.type)).toEqual(['chat', 'end'])
    expect(source.status()).toMatchObject({ state: 'ended', reason: 'live-ended' })
  })

  it('counts garbage frames as decode errors and keeps going', async () => {
    script((c) => {
      push.sendGarbage(200, 5)
      push.send(Buffer.from([0x3a, 0xff, 0xff, 0xff, 0xff, 0x0f]))
      push.send(buildFrame([msg.raw('WebcastChatMessage', '5', Buffer.from([0x12, 0x7f]))]))
      push.send(buildFrame([msg.chat('6', alice, 'fine')]))
      push.send(endFrame())
      void c
    })
    const source = start()
    await run
    expect(ctx.ofType('chat').map((e) => e.content)).toEqual(['fine'])
    expect(source.status().decodeErrors).toBe(3)
  })
})

describe('douyin failure modes', () => {
  it('fails with DEVICE_BLOCKED after repeated rejected handshakes (direct mode)', async () => {
    push.rejectNext(100)
    const source = start('direct', { tuning: { maxRejections: 2 } })
    await expect(run).rejects.toMatchObject({ code: 'DEVICE_BLOCKED' })
    expect(source.status()).toMatchObject({ state: 'failed', reason: 'DEVICE_BLOCKED' })
    expect(push.handshakes.filter((h) => !h.accepted)).toHaveLength(2)
  })

  it('counts sockets that open and die before any data like rejections', async () => {
    push.onConnect((c) => push.drop(c))
    const source = start('direct', { tuning: { maxRejections: 2 } })
    await expect(run).rejects.toMatchObject({ code: 'dropped' })
    expect(source.status()).toMatchObject({ state: 'failed', reason: 'dropped' })
    expect(push.connections).toHaveLength(2)
  })

  it('fails with room-not-found for an unknown room', async () => {
    const source = start('direct', {}, 'nosuchroom')
    await expect(run).rejects.toMatchObject({ code: 'room-not-found' })
    expect(source.status()).toMatchObject({ state: 'failed', reason: 'room-not-found' })
  })

  it('waits with reason not-live, then connects when the live starts', async () => {
    room.status = 4
    script(() => push.send(endFrame()))
    const source = start()
    await ctx.until(() => ctx.logs.some((l) => l.includes('not live')), 'not-live log')
    expect(source.status()).toMatchObject({ state: 'connecting', reason: 'not-live' })
    room.status = 2
    await run
    expect(source.status().state).toBe('ended')
  })

  it('reports network down and keeps retrying until stopped', async () => {
    const base = http.base
    await http.close()
    http = await TestDouyinHttpServer.start() // afterEach closes this one
    const source = createDouyinSource(
      room.webRid,
      { speed: 1, assetsDir: '' },
      { base, mode: 'direct' },
      {
        tuning: { backoff: { baseMs: 5, maxMs: 10, jitterMs: 1 } }
      }
    )
    run = source.run(ctx)
    await ctx.until(
      () => ctx.logs.filter((l) => l.includes('network down')).length >= 2,
      'two network retries'
    )
    expect(source.status()).toMatchObject({
      state: 'reconnecting',
      reason: 'network',
      errno: 'ECONNREFUSED'
    })
    // Every failed attempt counts: the dashboard must not say "reconnected 0 times" in an outage.
    expect(source.status().reconnects).toBeGreaterThanOrEqual(2)
    ctx.stop()
    await run
  })

  it('refuses a room link it cannot read with a code and the input', () => {
    try {
      createDouyinSource('https://www.douyin.com/user/abc?x=1 2', { speed: 1, assetsDir: '' })
      expect.unreachable()
    } catch (err) {
      expect(err).toMatchObject({ code: 'bad-room-url' })
    }
  })

  it('resolves through a challenge page and through web/enter when the page has no state', async () => {
    room.page = 'challenge'
    script(() => push.send(endFrame()))
    start()
    await run
    expect(http.requests.filter((r) => r.path === `/${room.webRid}`)).toHaveLength(2)

    http.addRoom({ ...room, webRid: '555', page: 'no-state' })
    ctx = new TestContext()
    script(() => push.send(endFrame()))
    const source = start('direct', {}, '555')
    await run
    expect(http.requests.some((r) => r.path === '/webcast/room/web/enter/')).toBe(true)
    expect(source.status()).toMatchObject({ state: 'ended', roomId: room.roomId })
  })
})

export type { LiveSource }
