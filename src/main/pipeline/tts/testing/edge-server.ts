import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import {
  EDGE_PATHS,
  encodeBinaryMessage,
  parseTextMessage,
  type EdgeMessage
} from '../engines/edge-protocol'
import { FaultPlan, garbageBytes, TimerSet, type FaultMode } from './fault-plan'
import { readMp3Fixture } from './test-audio'
import { wsText } from '../../../bridge/ws-text'

/** One WebSocket connection as the server saw it. */
export interface EdgeConnectionRecord {
  /** Path and query, e.g. `/edge/v1?TrustedClientToken=…&Sec-MS-GEC=…`. */
  url: string
  headers: IncomingHttpHeaders
  /** Text messages received, parsed. */
  messages: EdgeMessage<string>[]
  mode: FaultMode
}

/** A real Edge-read-aloud-like WebSocket server on 127.0.0.1, see {@link startEdgeServer}. */
export interface EdgeServer {
  /** `ws://127.0.0.1:<port>/consumer/speech/synthesize/readaloud/edge/v1` */
  readonly url: string
  readonly plan: FaultPlan
  readonly connections: EdgeConnectionRecord[]
  /** Every SSML document received, in order: what tests check the escaping against. */
  ssmlBodies(): string[]
  close(): Promise<void>
}

/** Options of {@link startEdgeServer}. */
export interface EdgeServerOptions {
  /** MP3 bytes streamed back for every request. @default the committed fixture */
  audio?: Uint8Array
  /** Audio bytes per binary frame. @default 4096 */
  frameBytes?: number
}

const PATH = '/consumer/speech/synthesize/readaloud/edge/v1'

/**
 * Speaks the Edge protocol: refuses a handshake without TrustedClientToken and a 64-hex Sec-MS-GEC
 * (HTTP 403, as the service does), expects speech.config before ssml, and answers each ssml message
 * with turn.start, response, binary audio frames (2-byte header length, `Path:audio`) and turn.end,
 * all tagged with the request's X-RequestId. Faults per connection via `plan`.
 */
export async function startEdgeServer(options: EdgeServerOptions = {}): Promise<EdgeServer> {
  const audio = options.audio ?? readMp3Fixture()
  const frameBytes = options.frameBytes ?? 4096
  const plan = new FaultPlan()
  const connections: EdgeConnectionRecord[] = []
  const timers = new TimerSet()
  const sockets = new Set<Socket>()
  const http = createServer((_req, res) => res.writeHead(404).end())
  const wss = new WebSocketServer({ noServer: true })
  http.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const mode = plan.next()
    const gec = url.searchParams.get('Sec-MS-GEC') ?? ''
    const refuse = (status: number) => {
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nContent-Type: text/plain\r\nContent-Length: 7\r\nConnection: close\r\n\r\nrefused`
      )
    }
    if (mode.kind === 'status') return refuse(mode.status)
    if (
      url.pathname !== PATH ||
      !url.searchParams.get('TrustedClientToken') ||
      !/^[0-9A-F]{64}$/.test(gec)
    )
      return refuse(403)
    wss.handleUpgrade(req, socket, head, (ws) => {
      const record: EdgeConnectionRecord = {
        url: req.url ?? '',
        headers: req.headers,
        messages: [],
        mode
      }
      connections.push(record)
      ws.on('message', (data, isBinary) => onMessage(ws, record, data, isBinary))
    })
  })

  const onMessage = (
    ws: WebSocket,
    record: EdgeConnectionRecord,
    data: RawData,
    isBinary: boolean
  ) => {
    if (isBinary) return ws.close(1007, 'unexpected binary message')
    const message = parseTextMessage(wsText(data))
    record.messages.push(message)
    const path = message.headers.Path
    if (path === EDGE_PATHS.speechConfig) return
    if (path !== EDGE_PATHS.ssml) return ws.close(1007, `unknown path ${path}`)
    if (!record.messages.some((m) => m.headers.Path === EDGE_PATHS.speechConfig))
      return ws.close(1007, 'ssml before speech.config')
    void answer(ws, message.headers['X-RequestId'] ?? '', record.mode)
  }

  const answer = async (ws: WebSocket, requestId: string, mode: FaultMode) => {
    if (mode.kind === 'hang') return
    const text = (path: string, body = '') =>
      ws.send(
        `X-RequestId:${requestId}\r\nContent-Type:application/json; charset=utf-8\r\nPath:${path}\r\n\r\n${body}`
      )
    const frame = (bytes: Uint8Array) =>
      ws.send(
        encodeBinaryMessage(
          { 'X-RequestId': requestId, 'Content-Type': 'audio/mpeg', Path: EDGE_PATHS.audio },
          bytes
        )
      )
    text(EDGE_PATHS.turnStart, '{"context":{"serviceTag":"test"}}')
    text(
      EDGE_PATHS.response,
      '{"context":{"serviceTag":"test"},"audio":{"type":"inline","streamId":"test"}}'
    )
    const body =
      mode.kind === 'garbage'
        ? garbageBytes(audio.byteLength)
        : mode.kind === 'no-audio'
          ? new Uint8Array(0)
          : audio
    const end = mode.kind === 'truncate' ? Math.floor(body.byteLength / 2) : body.byteLength
    const step = mode.kind === 'slow' ? mode.chunkBytes : frameBytes
    for (let at = 0; at < end; at += step) {
      if (ws.readyState !== ws.OPEN) return
      frame(body.subarray(at, Math.min(end, at + step)))
      if (mode.kind === 'slow') await timers.wait(mode.delayMs)
    }
    if (ws.readyState !== ws.OPEN) return
    if (mode.kind === 'truncate') return mode.how === 'drop' ? ws.terminate() : ws.close(1000)
    text(EDGE_PATHS.turnEnd, '{"context":{"serviceTag":"test"}}')
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}${PATH}`,
    plan,
    connections,
    ssmlBodies: () =>
      connections.flatMap((c) =>
        c.messages.filter((m) => m.headers.Path === EDGE_PATHS.ssml).map((m) => m.body)
      ),
    close: () =>
      new Promise<void>((resolve) => {
        timers.clear()
        for (const client of wss.clients) client.terminate()
        for (const socket of sockets) socket.destroy()
        wss.close()
        http.close(() => resolve())
      })
  }
}
