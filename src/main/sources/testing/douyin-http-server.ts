import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { buildPushUrl } from '../douyin/push-url'
import { Signer } from '../douyin/signature'
import { DEFAULT_USER_AGENT } from '../douyin/endpoints'
import { livePageHtml, type LivePageRoom } from './live-page'
import { Recorder } from './wait'

/** The real `web/enter` response (jwwsjlm/douyinLive example, MIT) minus its 600 KB similar_rooms list. */
export const WEB_ENTER_FIXTURE = readFileSync(
  new URL('./fixtures/douyin-web-enter-response.json', import.meta.url),
  'utf8'
)

/** A room the HTTP server knows, and how its page behaves. */
export interface TestRoom extends LivePageRoom {
  /** `state`: a normal page; `challenge`: first visit gets a page without state; `no-state`: always. */
  page?: 'state' | 'challenge' | 'no-state'
  /** When set, the live page also runs a client that connects here (page-capture tests). */
  capture?: { pushBase: string; heartbeatMs: number; withFetch?: boolean }
  /** Body for `/webcast/im/fetch/` (a Response protobuf) when `capture.withFetch` is set. */
  fetchBody?: Uint8Array
}

/** The room most tests use: live, with 64-bit ids kept as strings. Spread it to vary a field. */
export const TEST_ROOM: Readonly<TestRoom> = {
  webRid: '80017709309',
  roomId: '7659772534023654196',
  status: 2,
  title: '测试直播间',
  anchor: '主播小明',
  userUniqueId: '7659776308930922010'
}

/** One request the HTTP server received. */
export interface RequestRecord {
  path: string
  cookie: string | undefined
  userAgent: string | undefined
}

/**
 * A local stand-in for https://live.douyin.com on 127.0.0.1: `/` sets ttwid, `/<web_rid>` serves the
 * live page, `/webcast/room/web/enter/` answers from the real fixture, `/webcast/im/fetch/` serves
 * a protobuf body for the capture tests.
 */
export class TestDouyinHttpServer extends Recorder {
  readonly requests: RequestRecord[] = []
  readonly rooms = new Map<string, TestRoom>()
  #server: Server
  #sockets = new Set<Socket>()
  #challenged = new Set<string>()
  #signer = new Signer()
  base = ''

  private constructor() {
    super()
    this.#server = createServer((req, res) => this.#handle(req, res))
    this.#server.on('connection', (s) => {
      this.#sockets.add(s)
      s.on('close', () => this.#sockets.delete(s))
    })
  }

  static async start(): Promise<TestDouyinHttpServer> {
    const s = new TestDouyinHttpServer()
    await new Promise<void>((resolve) => s.#server.listen(0, '127.0.0.1', resolve))
    s.base = `http://127.0.0.1:${(s.#server.address() as AddressInfo).port}`
    return s
  }

  addRoom(room: TestRoom): void {
    this.rooms.set(room.webRid, room)
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
    this.disposeRecorder()
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base)
    this.requests.push({
      path: url.pathname,
      cookie: req.headers.cookie,
      userAgent: req.headers['user-agent']
    })
    this.notify()
    const hasTtwid = /(^|;\s*)ttwid=/.test(req.headers.cookie ?? '')
    const ttwid = 'ttwid=1%7Ctest-ttwid%7C1776584127%7Cabcdef; Path=/; Max-Age=31536000; HttpOnly'
    if (url.pathname === '/') {
      res
        .writeHead(200, {
          'content-type': 'text/html',
          'set-cookie': [ttwid, 'odin_tt=xyz; Path=/']
        })
        .end('<html></html>')
      return
    }
    if (url.pathname === '/webcast/room/web/enter/') return this.#enter(url, res)
    if (url.pathname === '/webcast/im/fetch/') {
      const body = [...this.rooms.values()].find((r) => r.fetchBody !== undefined)?.fetchBody
      res
        .writeHead(200, {
          'content-type': 'application/protobuf',
          'access-control-allow-origin': '*'
        })
        .end(body ?? Buffer.alloc(0))
      return
    }
    const room = this.rooms.get(decodeURIComponent(url.pathname.slice(1)))
    if (room === undefined) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>404</html>')
      return
    }
    const headers: Record<string, string | string[]> = {
      'content-type': 'text/html; charset=utf-8'
    }
    if (!hasTtwid) headers['set-cookie'] = [ttwid]
    const mode = room.page ?? 'state'
    if (mode === 'no-state' || (mode === 'challenge' && !this.#challenged.has(room.webRid))) {
      this.#challenged.add(room.webRid)
      headers['set-cookie'] = ['__ac_nonce=0123407cc00a9e438deb4; Path=/']
      res.writeHead(200, headers).end('<html><script>/* verification */</script></html>')
      return
    }
    res.writeHead(200, headers).end(livePageHtml(room, this.#captureOptions(room)))
  }

  #captureOptions(room: TestRoom) {
    if (room.capture === undefined) return undefined
    const sdk = { roomId: room.roomId, userUniqueId: room.userUniqueId, sdkVersion: '1.0.15' }
    const pushUrl = buildPushUrl(room.capture.pushBase, {
      roomId: room.roomId,
      userUniqueId: room.userUniqueId,
      userAgent: DEFAULT_USER_AGENT,
      cursor: 'd-1_u-1',
      internalExt: '',
      signature: this.#signer.sign(sdk)
    })
    const fetchUrl = room.capture.withFetch
      ? `${this.base}/webcast/im/fetch/?room_id=${room.roomId}`
      : undefined
    return { pushUrl, heartbeatMs: room.capture.heartbeatMs, fetchUrl }
  }

  #enter(url: URL, res: ServerResponse): void {
    const room = this.rooms.get(url.searchParams.get('web_rid') ?? '')
    if (room === undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{},"status_code":0}')
      return
    }
    const body = JSON.parse(WEB_ENTER_FIXTURE) as {
      data: { data: Record<string, unknown>[]; user: Record<string, unknown>; room_status: number }
    }
    const first = body.data.data[0]!
    first.id_str = room.roomId
    first.status = room.status
    first.title = room.title
    body.data.user.nickname = room.anchor
    body.data.room_status = room.status === 2 ? 0 : 2
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
}
