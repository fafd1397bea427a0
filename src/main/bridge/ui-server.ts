import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { BridgeServerMessage, EventName } from '../../shared/ipc/contract'
import type { IDisposable } from '../../shared/lifecycle'
import type { AppController } from '../app/app-controller'
import { readStatic } from './static-files'
import { createToken, tokenMatches } from './token'

export interface UiServerOptions {
  controller: AppController
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 = a free port. */
  port: number
  token?: string
}

const PAGES = new Set(['/', '/index.html', '/overlay.html'])
const MAX_MESSAGE = 64 * 1024
const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  // The token is in the page URL: never send it anywhere as a referrer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
}

/**
 * Browser mode: serves the built renderer and the WebSocket bridge on 127.0.0.1 only. Pages and the
 * bridge need the random token (`?token=`); a missing or wrong token, a foreign Host (DNS rebinding)
 * or a foreign Origin is refused.
 */
export class UiServer {
  readonly token: string
  readonly #server: Server
  readonly #wss: WebSocketServer
  #port = 0

  constructor(private readonly options: UiServerOptions) {
    this.token = options.token ?? createToken()
    this.#server = createServer((req, res) => void this.#http(req, res))
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE })
    this.#server.on('upgrade', (req, socket, head) => {
      const url = this.#url(req)
      if (
        !url ||
        url.pathname !== '/bridge' ||
        !this.#hostOk(req) ||
        !this.#originOk(req) ||
        !tokenMatches(this.token, url.searchParams.get('token'))
      ) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
        return
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#client(ws))
    })
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(this.options.port, '127.0.0.1', () => resolve())
    })
    this.#port = (this.#server.address() as AddressInfo).port
    return this.url()
  }

  url(page = '/'): string {
    return `http://127.0.0.1:${this.#port}${page}?token=${this.token}`
  }

  get port(): number {
    return this.#port
  }

  async close(): Promise<void> {
    for (const ws of this.#wss.clients) ws.terminate()
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()))
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  async #http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = this.#url(req)
    const deny = (status: number, text: string) => {
      res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(text)
    }
    if (!url || !this.#hostOk(req)) return deny(400, 'bad host')
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'method not allowed')
    if (PAGES.has(url.pathname) && !tokenMatches(this.token, url.searchParams.get('token'))) {
      return deny(
        401,
        '访问令牌缺失或错误。Missing or wrong access token: open the URL DanmuVoice printed.'
      )
    }
    const file = await readStatic(
      this.options.rendererDir,
      url.pathname === '/' ? '/index.html' : url.pathname
    )
    if (!file) return deny(404, 'not found')
    res.writeHead(200, { ...HEADERS, 'Content-Type': file.type })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  #client(ws: WebSocket): void {
    const { controller } = this.options
    const send = (message: BridgeServerMessage) => {
      // A slow client skips ticks rather than growing an unbounded buffer.
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < 1 << 20) ws.send(JSON.stringify(message))
    }
    const forward =
      <E extends EventName>(name: E) =>
      (payload: unknown) =>
        send({ type: 'event', name, payload })
    const subscriptions: IDisposable[] = [
      controller.onTick(forward('tick')),
      controller.onSettings(forward('settings')),
      controller.onNotice(forward('notice'))
    ]
    ws.on('message', (data, isBinary) => {
      let message: { type?: unknown; id?: unknown; name?: unknown; args?: unknown }
      try {
        if (isBinary) throw new Error('binary')
        message = JSON.parse(String(data)) as typeof message
      } catch {
        ws.close(1003, 'expected JSON text messages')
        return
      }
      if (
        message?.type !== 'invoke' ||
        typeof message.id !== 'number' ||
        !Number.isSafeInteger(message.id)
      ) {
        ws.close(1008, 'expected {type: "invoke", id, name, args}')
        return
      }
      const id = message.id
      void controller
        .dispatch(message.name, message.args)
        .then((result) => send({ type: 'result', id, result }))
    })
    ws.on('close', () => subscriptions.forEach((s) => s.dispose()))
  }

  #url(req: IncomingMessage): URL | undefined {
    try {
      return new URL(req.url ?? '/', 'http://127.0.0.1')
    } catch {
      return undefined
    }
  }

  #allowedHosts(): string[] {
    return [`127.0.0.1:${this.#port}`, `localhost:${this.#port}`]
  }

  #hostOk(req: IncomingMessage): boolean {
    return this.#allowedHosts().includes(req.headers.host ?? '')
  }

  #originOk(req: IncomingMessage): boolean {
    const origin = req.headers.origin
    return origin === undefined || this.#allowedHosts().some((h) => origin === `http://${h}`)
  }
}
