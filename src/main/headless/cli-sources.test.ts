import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../shared/events'
import type { SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { TEST_ROOM, TestDouyinHttpServer } from '../sources/testing/douyin-http-server'
import { buildFrame, msg } from '../sources/testing/frame-builder'
import { TestPushServer } from '../sources/testing/push-server'
import { barrageGrabPack, TestRelayServer } from '../sources/testing/relay-server'
import { HEADLESS, requireBuild } from '../testing/paths'
import { scratchDirs, useCleanups } from '../testing/cleanups'

requireBuild()

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HEADLESS, ...args], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code, stderr }))
  })
}
const jsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T)

const defer = useCleanups()
const scratch = scratchDirs(defer)

const alice = { id: '7123456789012345678', nickname: '小橘子' }
const FAST = ['--audio', 'null', '--audio-pace', 'fast', '--quiet']

describe('headless CLI with live sources (real local protocol servers)', () => {
  it('a Douyin session: one thank-you per combo, live end, and its --events-out replays identically', async () => {
    const d = scratch()
    const http = await TestDouyinHttpServer.start()
    const push = await TestPushServer.start({ pingIntervalMs: 100 })
    defer(
      () => http.close(),
      () => push.close()
    )
    const room = { ...TEST_ROOM }
    http.addRoom(room)
    push.onConnect(() => {
      push.send(
        buildFrame([
          msg.chat('101', alice, '主播好'),
          msg.gift('102', {
            user: alice,
            giftId: '463',
            name: '小心心',
            groupId: '1667766305',
            repeatCount: 1
          }),
          msg.gift('103', {
            user: alice,
            giftId: '463',
            name: '小心心',
            groupId: '1667766305',
            repeatCount: 2
          }),
          msg.gift('103', {
            user: alice,
            giftId: '463',
            name: '小心心',
            groupId: '1667766305',
            repeatCount: 2
          }),
          msg.gift('104', {
            user: alice,
            giftId: '463',
            name: '小心心',
            groupId: '1667766305',
            repeatCount: 5,
            repeatEnd: true
          }),
          msg.social('105', alice, 1)
        ])
      )
      push.send(buildFrame([msg.control('199', 3)]))
    })
    const events = join(d, 'events.jsonl')
    const run = await cli([
      '--source',
      `douyin:https://live.douyin.com/${room.webRid}`,
      '--douyin-base',
      http.base,
      '--douyin-ws',
      push.url,
      '--douyin-mode',
      'direct',
      '--events-out',
      events,
      '--speech-out',
      join(d, 'speech.jsonl'),
      '--stats-out',
      join(d, 'stats.json'),
      '--exit-when-idle',
      '0.3',
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    const got = jsonl<LiveEvent>(events)
    expect(got.map((e) => e.type)).toEqual(['chat', 'gift', 'follow', 'end'])
    expect(got[0]!.user).toEqual(alice)
    expect(got[1]!.gift).toMatchObject({ name: '小心心', count: 5 })
    const spoken = jsonl<SpeechRecord>(join(d, 'speech.jsonl'))
      .filter((r) => !r.dropped)
      .map((r) => r.text)
    expect(spoken.filter((t) => t.includes('小心心'))).toEqual(['感谢小橘子送的5个小心心'])
    const stats = JSON.parse(readFileSync(join(d, 'stats.json'), 'utf8')) as PipelineStatus
    expect(stats.source).toMatchObject({ kind: 'douyin', connector: 'direct' })

    const again = join(d, 'again.jsonl')
    const replay = await cli([
      '--source',
      `replay:${events}`,
      '--speed',
      'max',
      '--events-out',
      again,
      '--exit-when-idle',
      '0.2',
      ...FAST
    ])
    expect(replay.code, replay.stderr).toBe(0)
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(events, 'utf8'))
  })

  it('a BarrageGrab relay session keeps 64-bit ids exact through --events-out', async () => {
    const d = scratch()
    const relay = await TestRelayServer.start()
    defer(() => relay.close())
    const user = {
      Id: 7123456789012345678n,
      ShortId: 1,
      DisplayId: 'x',
      Nickname: '阿伟',
      Level: 1,
      PayLevel: 1,
      Gender: 1,
      HeadImgUrl: '',
      SecUid: 's',
      FansClub: null,
      FollowerCount: 0,
      FollowStatus: 0,
      FollowingCount: 0
    }
    const owner = {
      UserId: '3789344204128560',
      SecUid: 'MS4wLjABAAAAx',
      Nickname: '主播名',
      HeadUrl: '',
      FollowStatus: 0
    }
    relay.onConnect(() =>
      relay.send(
        barrageGrabPack(1, {
          MsgId: 7181860000000000001n,
          RoomId: '7181823408362015540',
          WebRoomId: '80017709309',
          User: user,
          Onwer: owner,
          Content: '主播晚上好'
        })
      )
    )
    const events = join(d, 'events.jsonl')
    const run = await cli([
      '--source',
      `relay:${relay.url}`,
      '--events-out',
      events,
      '--duration',
      '1.5',
      '--drain',
      '0.5',
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    const line = readFileSync(events, 'utf8').trim()
    expect(line).toContain('"id":"7181860000000000001"')
    expect(line).toContain('"id":"7123456789012345678"')
  })

  it.each([
    [['--douyin-mode', 'magic'], /--douyin-mode expects direct, capture or auto/],
    [['--douyin-base', 'ftp://x'], /--douyin-base expects a http\(s\) URL/],
    [['--douyin-ws', 'http://x'], /--douyin-ws expects a ws\(s\) URL/]
  ])('%j exits 2', async (args, message) => {
    const run = await cli(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })
})
