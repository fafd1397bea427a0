import WebSocket from 'ws'
import { waitOrAbort, type LiveSource, type SourceContext } from '../source'
import { backoffDelay, type BackoffOptions } from '../../../shared/backoff'
import { StatusBoard, type LiveSourceStatus } from '../douyin/status-board'
import { mapBarrageGrabPack, type RelayRoom } from './barrage-grab'

/** Timers and limits for the relay connection. */
export interface RelayTuning {
  backoff: BackoffOptions
  /** A connection must stay up this long before the backoff starts again from its base. */
  stableMs: number
  /** Ping the relay this often; no pong by the next ping = dead socket. @default 15000 */
  pingMs: number
  /** @default 10000 */
  connectTimeoutMs: number
  /** Text frames larger than this are skipped as decode errors. @default 1 MiB */
  maxMessageBytes: number
  random: () => number
}

/** Production defaults: 1–30 s backoff, a ping every 15 s. */
export const DEFAULT_RELAY_TUNING: RelayTuning = {
  backoff: { baseMs: 1000, maxMs: 30_000, jitterMs: 500 },
  stableMs: 30_000,
  pingMs: 15_000,
  connectTimeoutMs: 10_000,
  maxMessageBytes: 1 << 20,
  random: Math.random
}

type Outcome =
  | { kind: 'ended' | 'aborted' | 'closed' }
  /** Never connected: `errno` from the socket, or `answer` when an HTTP server answered instead. */
  | { kind: 'unreachable'; errno?: string; answer?: number }

/**
 * `relay:<ws url>`: reads a running BarrageGrab (DouyinBarrageGrab) over its local WebSocket and
 * reconnects with backoff when it goes away. Resolves when a live-end pack arrives.
 */
export class RelaySource implements LiveSource {
  readonly kind = 'relay'
  readonly #board = new StatusBoard('relay')
  #seq = 0

  constructor(
    readonly url: string,
    readonly tuning: RelayTuning = DEFAULT_RELAY_TUNING
  ) {
    this.#board.connector = 'relay'
  }

  async run(ctx: SourceContext): Promise<void> {
    const b = this.#board
    let attempt = 0
    while (!ctx.signal.aborted) {
      b.set(attempt === 0 ? 'connecting' : 'reconnecting', b.reason, b.detail)
      let openedAt: number | undefined
      const out = await this.#session(ctx, () => (openedAt ??= Date.now()))
      // Only a connection that stayed up resets the backoff (one that drops at once must not be
      // retried every second forever).
      if (openedAt !== undefined && Date.now() - openedAt >= this.tuning.stableMs) attempt = 0
      if (out.kind === 'ended') {
        b.set('ended', 'live-ended', '直播已结束 the live has ended')
        return
      }
      if (out.kind === 'aborted') return
      if (out.kind === 'unreachable') this.#unreachable(out)
      else {
        b.errno = undefined
        b.set('reconnecting', 'dropped', `连接断开 lost the relay at ${this.url}; reconnecting`)
      }
      if (attempt === 0 || (attempt & (attempt - 1)) === 0) ctx.log('warn', `relay: ${b.detail}`)
      // Every retry is a reconnect, whether the relay was never up or went away.
      b.reconnects++
      await waitOrAbort(
        backoffDelay(++attempt, this.tuning.backoff, this.tuning.random),
        ctx.signal
      )
    }
  }

  status(): LiveSourceStatus {
    return this.#board.snapshot()
  }

  /**
   * Nobody listening at the address (connection refused) means the relay program is not running,
   * which the streamer fixes by starting it; anything else is the network.
   */
  #unreachable(out: { errno?: string; answer?: number }): void {
    const b = this.#board
    b.errno = out.errno
    if (out.errno === 'ECONNREFUSED')
      b.set(
        'reconnecting',
        'relay-not-running',
        `弹幕抓取工具未运行 nothing listens at ${this.url}: start BarrageGrab; retrying`
      )
    else if (out.answer !== undefined)
      b.set(
        'reconnecting',
        'relay-bad-answer',
        `${this.url} answered HTTP ${out.answer}, not a relay WebSocket; retrying`
      )
    else
      b.set(
        'reconnecting',
        'network',
        `网络不可用 cannot reach the relay at ${this.url}${out.errno ? ` (${out.errno})` : ''}; retrying`
      )
  }

  #session(ctx: SourceContext, onData: () => void): Promise<Outcome> {
    const b = this.#board
    return new Promise((resolve) => {
      let settled = false
      let opened = false
      let awaitingPong = false
      const ws = new WebSocket(this.url, {
        handshakeTimeout: this.tuning.connectTimeoutMs,
        perMessageDeflate: false,
        maxPayload: 16 << 20
      })
      const ping = setInterval(() => {
        // Still connecting (a slow handshake is the handshake timeout's business): ping() would throw.
        if (ws.readyState !== WebSocket.OPEN) return
        if (awaitingPong) return finish('closed') // no pong since the last ping: the relay is gone
        awaitingPong = true
        ws.ping()
      }, this.tuning.pingMs)
      const onAbort = () => finish('aborted')
      ctx.signal.addEventListener('abort', onAbort, { once: true })
      function finish(out: Outcome['kind'], errno?: string, answer?: number) {
        if (settled) return
        settled = true
        clearInterval(ping)
        ctx.signal.removeEventListener('abort', onAbort)
        ws.terminate()
        resolve(out === 'unreachable' ? { kind: out, errno, answer } : { kind: out })
      }
      if (ctx.signal.aborted) return finish('aborted')
      ws.on('open', () => {
        opened = true
        b.set('live')
        ctx.log('info', `relay: connected to ${this.url}`)
      })
      ws.on('pong', () => (awaitingPong = false))
      ws.on('error', (err: NodeJS.ErrnoException) =>
        finish(opened ? 'closed' : 'unreachable', err.code)
      )
      ws.on('close', () => finish(opened ? 'closed' : 'unreachable'))
      ws.on('unexpected-response', (_req, res) =>
        finish('unreachable', undefined, res.statusCode ?? 0)
      )
      ws.on('message', (data, isBinary) => {
        if (settled) return
        b.frame()
        onData()
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)
        if (isBinary || bytes.length > this.tuning.maxMessageBytes) {
          b.decodeError(isBinary ? 'binary' : 'oversized')
          return
        }
        if (this.#handle(bytes.toString('utf8'), ctx)) finish('ended')
      })
    })
  }

  /** Returns true on a live-end pack. */
  #handle(text: string, ctx: SourceContext): boolean {
    const b = this.#board
    let mapped
    try {
      mapped = mapBarrageGrabPack(text, Date.now(), () => `relay-${Date.now()}-${++this.#seq}`)
    } catch (err) {
      b.decodeError('malformed')
      if (b.decodeErrors <= 5)
        ctx.log('warn', `relay: skipped a bad message: ${(err as Error).message}`)
      return false
    }
    this.#noteRoom(mapped.room)
    const e = mapped.event
    if (e === undefined) {
      b.ignoredMessages++
      return false
    }
    b.event(e.type)
    ctx.emit(e)
    return e.type === 'end'
  }

  #noteRoom(room: RelayRoom): void {
    if (room.roomId !== undefined) this.#board.roomId = room.roomId
    if (room.anchor !== undefined) this.#board.anchor = room.anchor
  }
}
