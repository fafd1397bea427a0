import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TestContext } from '../../testing/collector'
import { TEST_ROOM, TestDouyinHttpServer, type TestRoom } from '../../testing/douyin-http-server'
import { buildFrame, buildResponse, msg } from '../../testing/frame-builder'
import { TestPushServer, type PushConnection } from '../../testing/push-server'
import { createDouyinSource, type DouyinOptions, type DouyinSourceOverrides } from '../index'
import type { LiveSourceStatus } from '../status-board'
import type { CaptureDriver } from './cdp'
import { SourceError } from '../../source'
import { electronDriver, type DebuggerLike, type WebContentsLike } from './electron-driver'
import { playwrightDriver } from './playwright-driver'

const CHROMIUM = '/usr/bin/chromium'
const alice = { id: '7123456789012345678', nickname: 'Alice' }

let http: TestDouyinHttpServer
let push: TestPushServer
let ctx: TestContext
let run: Promise<void> | undefined
let room: TestRoom

beforeEach(async () => {
  http = await TestDouyinHttpServer.start()
  push = await TestPushServer.start({ pingIntervalMs: 100 })
  room = {
    ...TEST_ROOM,
    title: '抓取测试',
    anchor: '主播',
    capture: { pushBase: push.url, heartbeatMs: 50 }
  }
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
  mode: string,
  overrides: DouyinSourceOverrides['tuning'] = {},
  douyin: DouyinOptions = {}
) {
  const source = createDouyinSource(
    room.webRid,
    { speed: 1, assetsDir: '' },
    { base: http.base, ws: push.url, mode, browserPath: CHROMIUM, ...douyin },
    {
      tuning: {
        heartbeatMs: 30,
        captureKeepAliveMs: 50,
        backoff: { baseMs: 10, maxMs: 20, jitterMs: 1 },
        ...overrides
      },
      normalize: { memberIntervalMs: 0, likeWindowMs: 0 }
    }
  )
  run = source.run(ctx)
  return source
}

function onConnect(...steps: ((c: PushConnection) => Promise<void> | void)[]) {
  let n = 0
  push.onConnect((c) => {
    const step = steps[n++]
    if (step !== undefined) void Promise.resolve(step(c)).catch(() => undefined)
  })
}

describe('page capture in Chromium (CDP)', () => {
  it('decodes the page socket and its im/fetch body, keeps the page awake, survives a drop, stops at live end', async () => {
    room.capture!.withFetch = true
    room.fetchBody = buildResponse([msg.chat('50', alice, 'polled')])
    onConnect(
      async (c) => {
        push.send(
          buildFrame([
            msg.chat('1', alice, '你好'),
            msg.gift('2', {
              user: alice,
              giftId: '9',
              name: '玫瑰',
              groupId: '0',
              repeatCount: 1,
              combo: false
            })
          ])
        )
        await push.until(
          () => c.texts.some((t) => t.startsWith('keepalive:')),
          'keep-alive keystrokes from the page'
        )
        push.drop(c) // the page's own client reconnects
      },
      (c) => {
        push.send(buildFrame([msg.chat('3', alice, 'after drop')], { needAck: true, logId: '5' }))
        push.send(buildFrame([msg.control('4', 3)]))
        void c
      }
    )
    const source = start('capture')
    await run
    expect(
      ctx
        .ofType('chat')
        .map((e) => e.content)
        .sort()
    ).toEqual(['after drop', 'polled', '你好'])
    expect(ctx.ofType('gift')[0]!.gift).toMatchObject({ name: '玫瑰', count: 1 })
    expect(ctx.events.at(-1)!.type).toBe('end')
    expect(push.connections[0]!.heartbeats).toBeGreaterThan(0)
    expect(source.status() as LiveSourceStatus).toMatchObject({
      kind: 'douyin',
      connector: 'capture',
      state: 'ended',
      roomId: room.roomId,
      roomTitle: room.title,
      decodeErrors: 0
    })
  })

  it('auto mode falls back from rejected direct handshakes to capture', async () => {
    push.rejectNext(2)
    onConnect(() => {
      push.send(buildFrame([msg.chat('1', alice, 'via capture'), msg.control('2', 3)]))
    })
    const source = start('auto', { rejectionsBeforeCapture: 2 })
    await run
    expect(ctx.ofType('chat').map((e) => e.content)).toEqual(['via capture'])
    expect(ctx.logs.some((l) => l.includes('switching to page capture'))).toBe(true)
    expect(push.handshakes.map((h) => h.accepted)).toEqual([false, false, true])
    expect(push.handshakes[2]!.headers['user-agent']).toContain('HeadlessChrome')
    expect(source.status()).toMatchObject({ connector: 'capture', state: 'ended' })
  })

  it('the Electron driver works over a structural webContents (backed here by a Chromium CDP session)', async () => {
    const inner = playwrightDriver({ executablePath: CHROMIUM })
    const driver = electronDriver(async () => {
      const cdp = await inner.open(ctx.signal)
      const listeners: ((e: unknown, m: string, p: Record<string, unknown>) => void)[] = []
      cdp.onEvent((m, p) => listeners.forEach((l) => l({}, m, p)))
      let attached = false
      const dbg: DebuggerLike = {
        attach: () => void (attached = true),
        detach: () => void (attached = false),
        isAttached: () => attached,
        sendCommand: (method, params) => cdp.send(method, params),
        on: (event: string, l: never) => {
          if (event === 'message') listeners.push(l)
          return dbg
        },
        removeAllListeners: () => dbg
      }
      const wc: WebContentsLike = { debugger: dbg, isDestroyed: () => false, on: () => wc }
      return { webContents: wc, close: () => void cdp.close() }
    })
    onConnect(() =>
      push.send(buildFrame([msg.chat('1', alice, 'electron path'), msg.control('2', 3)]))
    )
    // The app's path: the driver arrives with the Douyin options, as the source registry passes it.
    const source = start('capture', {}, { captureDriver: driver })
    await run
    expect(ctx.ofType('chat').map((e) => e.content)).toEqual(['electron path'])
    expect(source.status().connector).toBe('capture')
  })

  it('a capture driver that cannot exist here fails at once with its code, no retries', async () => {
    let opens = 0
    const missing: CaptureDriver = {
      name: 'missing',
      open: async () => {
        opens++
        throw new SourceError('capture-driver-missing', 'playwright-core is not installed')
      }
    }
    const source = start('capture', { maxLaunchFailures: 5 }, { captureDriver: missing })
    await expect(run).rejects.toMatchObject({ code: 'capture-driver-missing' })
    expect(opens).toBe(1)
    expect(source.status()).toMatchObject({ state: 'failed', reason: 'capture-driver-missing' })
  })

  it('fails clearly when the browser cannot start', async () => {
    const source = createDouyinSource(
      room.webRid,
      { speed: 1, assetsDir: '' },
      { base: http.base, mode: 'capture', browserPath: '/nonexistent/chromium' },
      { tuning: { maxLaunchFailures: 1 } }
    )
    run = source.run(ctx)
    await expect(run).rejects.toMatchObject({ code: 'capture-unavailable' })
    expect(source.status()).toMatchObject({ state: 'failed', reason: 'capture-unavailable' })
  })
})
