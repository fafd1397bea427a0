import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveRoomInput } from './share-link'

/** A stand-in for v.douyin.com: short codes answer with redirects, as the real host does. */
let server: Server
let base: string
const hits: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '')
    const go = (location: string) => res.writeHead(302, { Location: location }).end()
    switch (req.url) {
      case '/iRoom1/':
        return go('/share/live/hop') // relative, on the same host
      case '/share/live/hop':
        return go('https://live.douyin.com/80017709309?enter_from_merge=link_share&u_code=x')
      case '/iRid22/':
        return go('https://www.iesdouyin.com/share/live/?web_rid=646454278948&did=1')
      case '/iUser3/':
        return go('https://www.douyin.com/user/MS4wLjABAAAA?from=share')
      case '/iLoop4/':
        return go('/iLoop4/')
      default:
        return res.writeHead(404).end()
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const refusal = (input: string) =>
  resolveRoomInput(input, { base }).then(
    () => undefined,
    (err: { code: string }) => err.code
  )

describe('room input: links, numbers and share text', () => {
  it('takes room numbers and room links as they are, without the network', async () => {
    const before = hits.length
    expect(await resolveRoomInput('80017709309')).toBe('80017709309')
    expect(await resolveRoomInput('https://live.douyin.com/80017709309?x=1')).toBe('80017709309')
    expect(await resolveRoomInput('live.douyin.com/646454278948')).toBe('646454278948')
    expect(await resolveRoomInput('https://www.douyin.com/root/live/80017709309')).toBe(
      '80017709309'
    )
    expect(hits.length).toBe(before)
  })

  it('follows a short link in share text to the room, hop by hop', async () => {
    const text =
      '【小明的直播间】正在直播，来和我一起支持Ta吧。复制下方链接，打开【抖音】，直接观看直播！ https://v.douyin.com/iRoom1/ 2@5.com :7pm'
    expect(await resolveRoomInput(text, { base })).toBe('80017709309')
    expect(hits).toContain('/iRoom1/')
    expect(hits).toContain('/share/live/hop')
    expect(await resolveRoomInput('v.douyin.com/iRid22', { base })).toBe('646454278948')
  })

  it('refuses what is not a live room, with a code that says what to paste instead', async () => {
    expect(await refusal('https://v.douyin.com/iUser3/')).toBe('share-link-unresolved')
    expect(await refusal('https://v.douyin.com/iLoop4/')).toBe('share-link-unresolved')
    expect(await refusal('https://v.douyin.com/nothere/')).toBe('share-link-unresolved')
    expect(await refusal('https://www.douyin.com/user/MS4wLjABAAAA')).toBe('not-a-room-link')
    expect(await refusal('8.97 复制打开抖音，看看【小明的作品】 #口令')).toBe('share-text-no-link')
    expect(await refusal('随便写的 文字')).toBe('bad-room-url')
  })

  it('says the network failed when the short-link host cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const err = await resolveRoomInput('https://v.douyin.com/iRoom1/', {
      base: `http://127.0.0.1:${port}`
    }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'share-link-network', params: { errno: 'ECONNREFUSED' } })
  })
})
