import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../shared/events'
import { parseSettings } from '../../shared/settings'
import type { SpeechRecord } from '../../shared/speech'
import { SettingsStore } from '../settings/settings-store'
import { TEST_ROOM, TestDouyinHttpServer } from '../sources/testing/douyin-http-server'
import { buildFrame, msg } from '../sources/testing/frame-builder'
import { TestPushServer, type PushConnection } from '../sources/testing/push-server'
import { barrageGrabPack, TestRelayServer } from '../sources/testing/relay-server'
import { ASSETS_DIR, requireBuild, WORKER_DIR } from '../testing/paths'
import { waitFor } from '../testing/wait-for'
import { AppController } from './app-controller'
import { useCleanups } from '../testing/cleanups'

requireBuild()
const defer = useCleanups()

const ROOM_A = { ...TEST_ROOM, title: '一号直播间' }
const ROOM_B = {
  ...ROOM_A,
  webRid: '80017709310',
  roomId: '7659772534023654197',
  title: '二号直播间'
}
const viewer = (n: number) => ({
  id: String(7_123_456_789_012_345_000n + BigInt(n)),
  nickname: `观众${n}`
})

function relayChat(msgId: bigint, nickname: string, content: string): string {
  return barrageGrabPack(1, {
    MsgId: msgId,
    RoomId: '7181823408362015540',
    WebRoomId: '90017709309',
    User: {
      Id: 7_200_000_000_000_000_000n + msgId,
      ShortId: 1,
      DisplayId: 'x',
      Nickname: nickname,
      Level: 1,
      PayLevel: 1,
      Gender: 1,
      HeadImgUrl: '',
      SecUid: 's',
      FansClub: null,
      FollowerCount: 0,
      FollowStatus: 0,
      FollowingCount: 0
    },
    Onwer: { UserId: '1', SecUid: 's', Nickname: '主播', HeadUrl: '', FollowStatus: 0 },
    Content: content
  })
}

describe('several rooms at once (real Douyin and relay protocol servers on loopback)', () => {
  it('two Douyin rooms and a relay: each room is tagged and spoken; one dying leaves the others', async () => {
    const http = await TestDouyinHttpServer.start()
    const push = await TestPushServer.start()
    const relay = await TestRelayServer.start()
    defer(
      () => http.close(),
      () => push.close(),
      () => relay.close()
    )
    http.addRoom(ROOM_A)
    http.addRoom(ROOM_B)
    const specA = `douyin:${ROOM_A.webRid}`
    const specB = `douyin:${ROOM_B.webRid}`
    const specRelay = `relay:${relay.url}`
    const parsed = parseSettings({
      prewarm: { enabled: false },
      // The second room says who it is before its lines.
      rooms: { [specB]: { prefix: '二号间：' } }
    })
    if (!parsed.ok) throw new Error(parsed.errors.join())
    const controller = new AppController({
      store: new SettingsStore(undefined, parsed.settings),
      workerDir: WORKER_DIR,
      sourceOptions: {
        speed: 1,
        assetsDir: ASSETS_DIR,
        douyin: { base: http.base, ws: push.url, mode: 'direct' }
      },
      audio: { kind: 'null' },
      audioPace: 'fast',
      tickMs: 20
    })
    defer(() => controller.dispose())
    const records: SpeechRecord[] = []
    const events: LiveEvent[] = []
    controller.onSpeech((r) => records.push(r))
    controller.onEvent(({ event }) => events.push(event))

    await controller.connect(specA)
    expect((await controller.addRoom(specB)).key).toBe('r2')
    expect(await controller.dispatch('addRoom', { source: specRelay })).toMatchObject({
      ok: true,
      value: { key: 'r3', session: { sources: [specA, specB, specRelay] } }
    })
    const connectionOf = (room: typeof ROOM_A): PushConnection | undefined =>
      push.connections.find((c) => c.query.get('room_id') === room.roomId && !c.closed)
    await waitFor(
      () => !!connectionOf(ROOM_A) && !!connectionOf(ROOM_B) && relay.clients.length > 0,
      'every room connected'
    )
    push.send(buildFrame([msg.chat('9001', viewer(1), '一号房间的弹幕')]), connectionOf(ROOM_A))
    push.send(buildFrame([msg.chat('9002', viewer(2), '二号房间的弹幕')]), connectionOf(ROOM_B))
    relay.send(relayChat(9003n, '中继观众', '中继那边的弹幕'))
    const spoken = () => records.filter((r) => !r.dropped)
    await waitFor(() => spoken().length >= 3, 'a line from every room')
    const byText = (part: string) => spoken().find((r) => r.text.includes(part))
    expect(byText('一号房间的弹幕')).toMatchObject({
      roomId: 'r1',
      text: '观众1说：一号房间的弹幕'
    })
    expect(byText('二号房间的弹幕')).toMatchObject({
      roomId: 'r2',
      text: '二号间：观众2说：二号房间的弹幕'
    })
    expect(byText('中继那边的弹幕')).toMatchObject({ roomId: 'r3' })
    // Events carry a room id: the platform's own where it sends one, else the room's key.
    expect(events.length).toBeGreaterThanOrEqual(3)
    expect(events.every((e) => typeof e.roomId === 'string' && e.roomId !== '')).toBe(true)
    expect(controller.status()?.rooms.map((r) => [r.key, r.spec])).toEqual([
      ['r1', specA],
      ['r2', specB],
      ['r3', specRelay]
    ])

    // Room A's server and the relay go away; room B keeps being read.
    push.killRoom(ROOM_A.roomId)
    await relay.close()
    await waitFor(() => {
      const rooms = controller.status()?.rooms ?? []
      return rooms[0]?.source.state === 'reconnecting' && rooms[2]?.source.state === 'reconnecting'
    }, 'rooms A and relay reconnecting')
    push.send(buildFrame([msg.chat('9004', viewer(4), '二号房间还在说话')]), connectionOf(ROOM_B))
    await waitFor(() => !!byText('二号房间还在说话'), 'room B still spoken')
    expect(controller.status()?.rooms[1]?.source.state).toBe('live')
    expect(controller.session.state).toBe('running')

    // A room leaves on request; the last one cannot.
    expect(await controller.dispatch('removeRoom', { key: 'r3' })).toMatchObject({
      ok: true,
      value: { sources: [specA, specB] }
    })
    await controller.dispatch('removeRoom', { key: 'r1' })
    expect(await controller.dispatch('removeRoom', { key: 'r2' })).toMatchObject({
      ok: false,
      error: { reason: 'last-room' }
    })
    expect(controller.status()?.rooms.map((r) => r.key)).toEqual(['r2'])
    // Every event of every room ended in exactly one record.
    const counted = new Map<string, number>()
    for (const r of records)
      for (const id of r.eventIds) counted.set(id, (counted.get(id) ?? 0) + 1)
    for (const e of events) expect(counted.get(e.id), e.id).toBe(1)
  })

  it('a room switched off in settings is not read; its events are recorded as room-off', async () => {
    const parsed = parseSettings({
      prewarm: { enabled: false },
      rooms: { demo: { enabled: false } }
    })
    if (!parsed.ok) throw new Error(parsed.errors.join())
    const controller = new AppController({
      store: new SettingsStore(undefined, parsed.settings),
      workerDir: WORKER_DIR,
      sourceOptions: { speed: Infinity, assetsDir: ASSETS_DIR },
      audio: { kind: 'null' },
      audioPace: 'fast'
    })
    defer(() => controller.dispose())
    const records: SpeechRecord[] = []
    controller.onSpeech((r) => records.push(r))
    await controller.connect('demo')
    // The same room twice, or a room not in the session: refused with a code.
    expect(await controller.dispatch('addRoom', { source: 'demo' })).toMatchObject({
      ok: false,
      error: { reason: 'room-joined' }
    })
    expect(await controller.dispatch('removeRoom', { key: 'r9' })).toMatchObject({
      ok: false,
      error: { reason: 'no-room', params: { key: 'r9' } }
    })
    await waitFor(() => controller.pipeline?.isIdle() === true, 'the demo read through')
    expect(records.length).toBeGreaterThan(50)
    expect(records.every((r) => r.dropped === 'room-off' && r.roomId === 'r1')).toBe(true)
  })
})
