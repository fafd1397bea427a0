import WebSocket from 'ws'
import { DisposableStore, toDisposable } from '../../../shared/lifecycle'
import type { FrameOutcome } from './frame-processor'
import { HEARTBEAT_FRAME } from './frames'

/** Timers for one push connection. */
export interface PushSessionOptions {
  /** Binary `hb` frame interval; the first goes out on open. @default 10000 */
  heartbeatMs: number
  /** No data frame for this long = stalled; the socket is dropped. @default 60000 */
  stallMs: number
  /** @default 15000 */
  handshakeTimeoutMs: number
}

/** How a session ended. Each maps to its own status reason. */
export type SessionEnd =
  | { kind: 'ended' }
  | { kind: 'aborted' }
  /** `handshakeMsg`: the server's `handshake-msg` header (its reason code, e.g. DEVICE_BLOCKED). */
  | { kind: 'rejected'; status: number; message: string; handshakeMsg?: string }
  | { kind: 'network'; message: string; errno?: string }
  | { kind: 'dropped'; code: number; message: string }
  | { kind: 'stalled' }

/** Callbacks into the connector that owns the session. */
export interface SessionHooks {
  onOpen(): void
  /** Decodes one binary frame (counting errors itself) and says what to do about it. */
  onFrame(bytes: Uint8Array): FrameOutcome
}

/**
 * One push WebSocket, from handshake to close: heartbeats, ACKs, pings (ws answers them itself),
 * a no-data watchdog, and a clear verdict on how it ended. Everything it starts is torn down
 * before the promise settles.
 */
export function runPushSession(
  url: string,
  headers: Record<string, string>,
  options: PushSessionOptions,
  signal: AbortSignal,
  hooks: SessionHooks
): Promise<SessionEnd> {
  return new Promise((resolve) => {
    const store = new DisposableStore()
    let settled = false
    let opened = false
    let lastDataAt = Date.now()
    const ws = new WebSocket(url, {
      headers,
      handshakeTimeout: options.handshakeTimeoutMs,
      perMessageDeflate: false,
      maxPayload: 64 << 20,
      followRedirects: false
    })
    store.add(toDisposable(() => ws.terminate()))

    const finish = (end: SessionEnd) => {
      if (settled) return
      settled = true
      store.dispose()
      resolve(end)
    }

    if (signal.aborted) return finish({ kind: 'aborted' })
    const onAbort = () => finish({ kind: 'aborted' })
    signal.addEventListener('abort', onAbort, { once: true })
    store.add(toDisposable(() => signal.removeEventListener('abort', onAbort)))

    ws.on('unexpected-response', (_req, res) => {
      // Douyin rejects with a plain HTTP 200 and `handshake-msg: DEVICE_BLOCKED` (protocol §1.7).
      const msg = res.headers['handshake-msg']
      const status = res.headers['handshake-status']
      res.resume()
      finish({
        kind: 'rejected',
        status: res.statusCode ?? 0,
        ...(typeof msg === 'string' ? { handshakeMsg: msg.trim() } : {}),
        message:
          typeof msg === 'string'
            ? `${msg}${typeof status === 'string' ? ` (${status})` : ''}`
            : `HTTP ${res.statusCode}`
      })
    })
    ws.on('error', (err) => {
      if (ws.readyState === WebSocket.CONNECTING || !opened)
        finish({
          kind: 'network',
          message: err.message,
          errno: (err as NodeJS.ErrnoException).code
        })
      else finish({ kind: 'dropped', code: 1006, message: err.message })
    })
    ws.on('open', () => {
      opened = true
      lastDataAt = Date.now()
      hooks.onOpen()
      const send = () => ws.send(HEARTBEAT_FRAME)
      send()
      const hb = setInterval(send, options.heartbeatMs)
      store.add(toDisposable(() => clearInterval(hb)))
      const watch = setInterval(
        () => {
          if (Date.now() - lastDataAt > options.stallMs) finish({ kind: 'stalled' })
        },
        Math.max(10, Math.min(1000, options.stallMs / 4))
      )
      store.add(toDisposable(() => clearInterval(watch)))
    })
    ws.on('message', (data, isBinary) => {
      if (!isBinary || settled) return
      lastDataAt = Date.now()
      const bytes = toBytes(data)
      const outcome = hooks.onFrame(bytes)
      if (outcome.ack !== undefined && ws.readyState === WebSocket.OPEN) {
        ws.send(outcome.ack.bytes)
      }
      if (outcome.ended) finish({ kind: 'ended' })
      else if (outcome.close)
        finish({ kind: 'dropped', code: 1000, message: 'server sent a close frame' })
    })
    ws.on('close', (code, reason) => {
      finish({ kind: 'dropped', code, message: reason.toString() || `closed (${code})` })
    })
  })
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
