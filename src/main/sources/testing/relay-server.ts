import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { Recorder } from './wait'
import { wsText } from '../../bridge/ws-text'

/** A value for `bigJson`: like JSON, plus bigint for 64-bit ids written as bare numbers. */
export type BigJsonValue =
  string | number | boolean | null | bigint | BigJsonValue[] | { [k: string]: BigJsonValue }

/** JSON text with bigints as bare integers, the way Newtonsoft writes C# longs. */
export function bigJson(v: BigJsonValue): string {
  if (typeof v === 'bigint') return v.toString()
  if (Array.isArray(v)) return `[${v.map(bigJson).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${bigJson(x)}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

/** A BarrageGrab `BarrageMsgPack` text frame: `Data` is a JSON string inside the JSON. */
export function barrageGrabPack(
  type: number,
  data: { [k: string]: BigJsonValue },
  processName = 'chrome'
): string {
  return JSON.stringify({ Type: type, ProcessName: processName, Data: bigJson(data) })
}

/** A local stand-in for BarrageGrab's `ws://127.0.0.1:8888` on an ephemeral port. */
export class TestRelayServer extends Recorder {
  readonly commands: string[] = []
  readonly clients: WebSocket[] = []
  #wss: WebSocketServer
  #onConnect: ((ws: WebSocket) => void) | undefined
  url = ''

  private constructor(wss: WebSocketServer) {
    super()
    this.#wss = wss
    wss.on('connection', (ws) => {
      this.clients.push(ws)
      ws.on('message', (d) => {
        this.commands.push(wsText(d))
        this.notify()
      })
      ws.on('error', () => {})
      this.#onConnect?.(ws)
      this.notify()
    })
  }

  static async start(): Promise<TestRelayServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    const s = new TestRelayServer(wss)
    s.url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
    return s
  }

  onConnect(fn: (ws: WebSocket) => void): void {
    this.#onConnect = fn
  }

  send(text: string | Buffer, ws = this.clients.at(-1)): void {
    ws?.send(text)
  }

  /** Kills every client connection without a close frame. */
  dropAll(): void {
    for (const ws of this.clients) ws.terminate()
  }

  async close(): Promise<void> {
    this.dropAll()
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()))
    this.disposeRecorder()
  }
}
