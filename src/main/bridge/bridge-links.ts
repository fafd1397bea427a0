/**
 * What an admitted WebSocket link does, by its role: the dashboard's link runs commands (within
 * its budget) and receives every event; the overlay's link receives the overlay's view and
 * refuses every command. The UI server decides who may open which; this module serves them.
 */
import type { RawData, WebSocket } from 'ws'
import type { BridgeServerMessage, EventName } from '../../shared/ipc/contract'
import type { IDisposable } from '../../shared/lifecycle'
import type { AppController } from '../app/app-controller'
import { ClientBudget, type BridgeLimits } from './client-limits'
import { wsText } from './ws-text'

/** Unsent bytes to one dashboard link beyond which it is closed (it is not reading). */
const MAX_BACKLOG = 64 * 1024 * 1024

/** The dashboard's link: commands in (budgeted), results and events out. */
export function serveControlLink(
  ws: WebSocket,
  controller: AppController,
  limits: BridgeLimits
): void {
  // Without a listener, a socket error (e.g. a message over maxPayload) ends the process.
  ws.on('error', () => ws.terminate())
  const send = (message: BridgeServerMessage) => {
    if (ws.readyState !== ws.OPEN) return
    // A slow client skips ticks rather than growing an unbounded buffer; results, settings and
    // notices are never skipped (every command gets its reply). A client that reads nothing at
    // all is let go once its backlog passes the hard cap.
    const backlog = ws.bufferedAmount
    if (backlog > MAX_BACKLOG) return void ws.terminate()
    if (message.type === 'event' && message.name === 'tick' && backlog >= 1 << 20) return
    ws.send(JSON.stringify(message))
  }
  const forward =
    <E extends EventName>(name: E) =>
    (payload: unknown) =>
      send({ type: 'event', name, payload })
  const subscriptions: IDisposable[] = [
    controller.onTick(forward('tick')),
    controller.onSettings(forward('settings')),
    controller.onNotice(forward('notice')),
    controller.onObsLink(forward('obsLink'))
  ]
  const budget = new ClientBudget(limits)
  ws.on('message', (data, isBinary) => {
    const admission = budget.admit(byteLength(data))
    if (admission === 'close') return void ws.close(1008, 'too many messages, too fast')
    let message: { type?: unknown; id?: unknown; name?: unknown; args?: unknown }
    try {
      if (isBinary) throw new Error('binary')
      message = JSON.parse(wsText(data)) as typeof message
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
    if (admission === 'refuse') {
      const error = { code: 'rate-limited' as const, message: 'too many commands; slow down' }
      return send({ type: 'result', id, result: { ok: false, error } })
    }
    budget.begin()
    void controller
      .dispatch(message.name, message.args)
      .then((result) => send({ type: 'result', id, result }))
      .finally(() => budget.end())
  })
  ws.on('close', () => subscriptions.forEach((s) => s.dispose()))
}

/** The overlay's link: its view on connect and on every change; commands are refused. */
export function serveOverlayLink(
  ws: WebSocket,
  controller: AppController,
  limits: BridgeLimits
): void {
  const send = (message: BridgeServerMessage) => {
    if (ws.readyState === ws.OPEN && ws.bufferedAmount < 1 << 16) ws.send(JSON.stringify(message))
  }
  ws.on('error', () => ws.terminate())
  send({ type: 'event', name: 'overlay', payload: controller.overlay() })
  const subscription = controller.onOverlay((payload) =>
    send({ type: 'event', name: 'overlay', payload })
  )
  const budget = new ClientBudget({ ...limits, byteBurst: 1 << 20, bytesPerSecond: 1 << 16 })
  ws.on('message', (data, isBinary) => {
    if (budget.admit(byteLength(data)) !== 'run') return void ws.close(1008, 'read-only')
    let id: unknown
    try {
      id = isBinary ? undefined : (JSON.parse(wsText(data)) as { id?: unknown }).id
    } catch {
      id = undefined
    }
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return void ws.close(1008, 'read-only')
    send({
      type: 'result',
      id,
      result: { ok: false, error: { code: 'forbidden', message: 'the overlay link is read-only' } }
    })
  })
  ws.on('close', () => subscription.dispose())
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.byteLength, 0)
  return data.byteLength
}
