import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { parseRawQuery } from '../douyin/push-url'
import { verifySignature } from '../douyin/signature'
import { readClientFrame } from './frame-builder'
import { seededRandom } from './prng'
import { Recorder } from './wait'
import { wsText } from '../../bridge/ws-text'

/** One handshake as the server saw it, accepted or not. */
export interface HandshakeRecord {
  query: Map<string, string>
  headers: IncomingMessage['headers']
  accepted: boolean
  reason?: string
}

/** One accepted client connection and what it sent. */
export interface PushConnection {
  socket: WebSocket
  query: Map<string, string>
  heartbeats: number
  acks: { logId: string; payload: string }[]
  texts: string[]
  pongs: number
  stalled: boolean
  closed: boolean
}

/** How strict and how chatty the push server is. */
export interface PushServerOptions {
  /** Reject handshakes whose signature, UA, Origin or ttwid cookie is wrong, like Douyin. @default true */
  strict?: boolean
  /** Send a WS ping this often (0 = never). @default 0 */
  pingIntervalMs?: number
}

/**
 * A local stand-in for `webcast100-ws-web-*.douyin.com/webcast/im/push/v2/` on 127.0.0.1: it checks
 * the handshake, records heartbeats, ACKs and pongs, and can reject, drop, stall or send garbage.
 */
export class TestPushServer extends Recorder {
  readonly handshakes: HandshakeRecord[] = []
  readonly connections: PushConnection[] = []
  #rejectNext = 0
  #http: Server
  #wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  #sockets = new Set<Socket>()
  #pingTimer: NodeJS.Timeout | undefined
  #onConnect: ((c: PushConnection) => void) | undefined
  readonly #deadRooms = new Set<string>()
  url = ''

  private constructor(readonly options: PushServerOptions) {
    super()
    this.#http = createServer((_req, res) => res.writeHead(426).end())
    this.#http.on('connection', (s) => {
      this.#sockets.add(s)
      s.on('close', () => this.#sockets.delete(s))
    })
    this.#http.on('upgrade', (req, socket, head) => this.#upgrade(req, socket as Socket, head))
  }

  static async start(options: PushServerOptions = {}): Promise<TestPushServer> {
    const server = new TestPushServer(options)
    await new Promise<void>((resolve) => server.#http.listen(0, '127.0.0.1', resolve))
    const { port } = server.#http.address() as AddressInfo
    server.url = `ws://127.0.0.1:${port}/webcast/im/push/v2/`
    if (options.pingIntervalMs) {
      server.#pingTimer = setInterval(() => {
        for (const c of server.connections) if (!c.closed && !c.stalled) c.socket.ping()
      }, options.pingIntervalMs)
    }
    return server
  }

  /** Called for every accepted connection (send the scripted frames from here). */
  onConnect(fn: (c: PushConnection) => void): void {
    this.#onConnect = fn
  }

  /** Answer the next `n` handshakes with HTTP 200 + `handshake-msg: DEVICE_BLOCKED`. */
  rejectNext(n: number): void {
    this.#rejectNext = n
  }

  get latest(): PushConnection | undefined {
    return this.connections.at(-1)
  }

  get acceptedCount(): number {
    return this.connections.length
  }

  send(bytes: Uint8Array, c = this.latest): void {
    if (c !== undefined && !c.closed) c.socket.send(bytes)
  }

  /** Sends `n` seeded random bytes as a binary frame (the client must count and skip it). */
  sendGarbage(n = 64, seed = 1, c = this.latest): void {
    const random = seededRandom(seed)
    this.send(
      Uint8Array.from({ length: n }, () => Math.floor(random() * 256)),
      c
    )
  }

  /** Kills the TCP connection without a close frame (the client sees 1006). */
  drop(c = this.latest): void {
    c?.socket.terminate()
  }

  /**
   * One room's server goes down (several rooms share this stand-in): its connections are killed
   * and its handshakes refused from now on, as an unreachable host would; other rooms carry on.
   */
  killRoom(roomId: string): void {
    this.#deadRooms.add(roomId)
    for (const c of this.connections) if (c.query.get('room_id') === roomId) c.socket.terminate()
  }

  /** Keeps the socket open but sends nothing more, not even pings (a silent stall). */
  stall(c = this.latest): void {
    if (c !== undefined) c.stalled = true
  }

  async close(): Promise<void> {
    clearInterval(this.#pingTimer)
    for (const c of this.connections) c.socket.terminate()
    for (const s of this.#sockets) s.destroy()
    this.#wss.close()
    await new Promise<void>((resolve) => this.#http.close(() => resolve()))
    this.disposeRecorder()
  }

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const rawQuery = (req.url ?? '').split('?')[1] ?? ''
    const query = parseRawQuery(rawQuery)
    if (this.#deadRooms.has(query.get('room_id') ?? '')) {
      socket.destroy()
      return
    }
    const reason = this.#rejectNext > 0 ? 'scripted' : this.#check(query, req)
    if (this.#rejectNext > 0) this.#rejectNext--
    this.handshakes.push({ query, headers: req.headers, accepted: reason === undefined, reason })
    if (reason !== undefined) {
      // What Douyin does: a plain 200 instead of 101, with the verdict in headers.
      socket.end(
        'HTTP/1.1 200 OK\r\nhandshake-status: 415\r\nhandshake-msg: DEVICE_BLOCKED\r\ncontent-length: 0\r\nconnection: close\r\n\r\n'
      )
      this.notify()
      return
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, query))
  }

  #check(q: Map<string, string>, req: IncomingMessage): string | undefined {
    if (this.options.strict === false) return undefined
    const params = {
      roomId: q.get('room_id') ?? '',
      userUniqueId: q.get('user_unique_id') ?? '',
      sdkVersion: q.get('webcast_sdk_version') ?? ''
    }
    if (!verifySignature(q.get('signature') ?? '', params)) return 'bad signature'
    if (!req.headers['user-agent']?.includes('Mozilla/5.0')) return 'no user agent'
    if (req.headers.origin === undefined) return 'no origin'
    if (!/(^|;\s*)ttwid=/.test(req.headers.cookie ?? '')) return 'no ttwid'
    return undefined
  }

  #accept(ws: WebSocket, query: Map<string, string>): void {
    const c: PushConnection = {
      socket: ws,
      query,
      heartbeats: 0,
      acks: [],
      texts: [],
      pongs: 0,
      stalled: false,
      closed: false
    }
    this.connections.push(c)
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        c.texts.push(wsText(data))
      } else {
        try {
          const f = readClientFrame(new Uint8Array(data as Buffer))
          if (f.payloadType === 'hb') c.heartbeats++
          else if (f.payloadType === 'ack') c.acks.push({ logId: f.logId, payload: f.payload })
        } catch {
          c.texts.push('<undecodable binary>')
        }
      }
      this.notify()
    })
    ws.on('pong', () => {
      c.pongs++
      this.notify()
    })
    ws.on('close', () => {
      c.closed = true
      this.notify()
    })
    ws.on('error', () => {})
    this.#onConnect?.(c)
    this.notify()
  }
}
