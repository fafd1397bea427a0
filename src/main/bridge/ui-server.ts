import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { posix } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AppController } from '../app/app-controller'
import { serveControlLink, serveOverlayLink } from './bridge-links'
import { DEFAULT_BRIDGE_LIMITS, type BridgeLimits } from './client-limits'
import { readStatic } from './static-files'
import { createToken, tokenMatches } from './token'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

export interface UiServerOptions {
  controller: AppController
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 = a free port. */
  port: number
  /** When `port` is taken, listen on a free port instead of failing (`portFallback` says so). */
  fallbackToFreePort?: boolean
  /** Full control: the dashboard and its bridge. */
  token?: string
  /** Read-only: the OBS overlay page and its feed, nothing else. */
  overlayToken?: string
  /** Per-link limits (tests shrink them). */
  limits?: Partial<BridgeLimits>
}

/** Pages and the bridge each name the token role that may open them. */
type Role = 'control' | 'overlay'
const PAGE_ROLES = new Map<string, Role>([
  ['/', 'control'],
  ['/index.html', 'control'],
  ['/overlay.html', 'overlay']
])
const SOCKET_ROLES = new Map<string, Role>([
  ['/bridge', 'control'],
  ['/overlay-feed', 'overlay']
])
/** Overlay links only ever send pings of their own: anything large is not an overlay. */
const OVERLAY_MAX_MESSAGE = 4096
const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  // The token is in the page URL: never send it anywhere as a referrer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY
}

/**
 * Browser mode: serves the built renderer and the WebSocket bridge on 127.0.0.1 only. Pages and
 * sockets need a random token (`?token=`) of the right role: the control token opens the dashboard
 * and its bridge; the overlay token, which streamers paste into OBS and may show on screen, opens
 * only the overlay page and its read-only feed. A missing or wrong token, a foreign Host (DNS
 * rebinding) or a foreign Origin is refused.
 */
export class UiServer {
  readonly token: string
  #overlayToken: string
  readonly #overlayClients = new Set<WebSocket>()
  #portFallback = false
  readonly #server: Server
  readonly #wss: WebSocketServer
  readonly #overlayWss: WebSocketServer
  readonly #limits: BridgeLimits
  #port = 0

  constructor(private readonly options: UiServerOptions) {
    this.token = options.token ?? createToken()
    this.#overlayToken = options.overlayToken ?? createToken()
    if (this.#overlayToken === this.token)
      throw new Error('the overlay token must differ from the control token')
    this.#limits = { ...DEFAULT_BRIDGE_LIMITS, ...options.limits }
    this.#server = createServer((req, res) => void this.#http(req, res))
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: this.#limits.maxMessageBytes })
    this.#overlayWss = new WebSocketServer({ noServer: true, maxPayload: OVERLAY_MAX_MESSAGE })
    this.#server.on('upgrade', (req, socket, head) => {
      const url = this.#url(req)
      const role = url && SOCKET_ROLES.get(url.pathname)
      socket.on('error', () => socket.destroy())
      if (
        !url ||
        !role ||
        !this.#hostOk(req) ||
        !this.#originOk(req) ||
        !this.#tokenOk(role, url.searchParams.get('token'))
      ) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
        return
      }
      const wss = role === 'control' ? this.#wss : this.#overlayWss
      const max =
        role === 'control' ? this.#limits.maxControlClients : this.#limits.maxOverlayClients
      if (wss.clients.size >= max) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n')
        return
      }
      const { controller } = this.options
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (role === 'control') return serveControlLink(ws, controller, this.#limits)
        this.#overlayClients.add(ws)
        ws.on('close', () => this.#overlayClients.delete(ws))
        serveOverlayLink(ws, controller, this.#limits)
      })
    })
  }

  async listen(): Promise<string> {
    const tryPort = (port: number) =>
      new Promise<void>((resolve, reject) => {
        this.#server.once('error', reject)
        this.#server.listen(port, '127.0.0.1', () => {
          this.#server.removeListener('error', reject)
          resolve()
        })
      })
    try {
      await tryPort(this.options.port)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (!this.options.fallbackToFreePort || this.options.port === 0) throw err
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err
      await tryPort(0)
      this.#portFallback = true
    }
    this.#port = (this.#server.address() as AddressInfo).port
    return this.url()
  }

  /** The read-only token of the OBS link. */
  get overlayToken(): string {
    return this.#overlayToken
  }

  /** True when the configured port was taken and a free one is used instead. */
  get portFallback(): boolean {
    return this.#portFallback
  }

  /** Replaces the OBS link's token: overlays holding the old one are disconnected at once. */
  setOverlayToken(token: string): void {
    if (token === this.token || token.length < 16) throw new Error('unusable overlay token')
    this.#overlayToken = token
    for (const ws of this.#overlayClients) ws.close(4001, 'token reset')
    this.#overlayClients.clear()
  }

  /** The dashboard's address, with the control token. */
  url(page = '/'): string {
    return `http://127.0.0.1:${this.#port}${page}?token=${this.token}`
  }

  /** The OBS overlay's address, with the read-only overlay token (never the control token). */
  overlayUrl(): string {
    return `http://127.0.0.1:${this.#port}/overlay.html?token=${this.#overlayToken}`
  }

  get port(): number {
    return this.#port
  }

  async close(): Promise<void> {
    for (const wss of [this.#wss, this.#overlayWss]) {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    }
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
    const role = pageRole(url.pathname)
    if (role === 'bad-path') return deny(400, 'bad path')
    if (role && !this.#tokenOk(role, url.searchParams.get('token'))) {
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

  #tokenOk(role: Role, given: string | null): boolean {
    return tokenMatches(role === 'control' ? this.token : this.#overlayToken, given)
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

/**
 * Which token role a page needs, judged on the decoded, normalised path (so `/%69ndex.html` is
 * `/index.html`); every other HTML file needs the control token too. Scripts and styles are public.
 */
function pageRole(pathname: string): Role | undefined | 'bad-path' {
  let decoded: string
  try {
    decoded = posix.normalize(decodeURIComponent(pathname))
  } catch {
    return 'bad-path'
  }
  const role = PAGE_ROLES.get(decoded)
  if (role) return role
  return /\.html?$/i.test(decoded) || decoded.includes('\\') ? 'control' : undefined
}
