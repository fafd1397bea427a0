import { join } from 'node:path'
import WebSocket from 'ws'
import type { BridgeServerMessage, Result } from '../../shared/ipc/contract'
import { AppController } from '../app/app-controller'
import { forkPlayer, type PlayerLauncher } from '../pipeline/playback/player-launcher'
import { SettingsStore } from '../settings/settings-store'
import { ASSETS_DIR, ROOT, WORKER_DIR } from './paths'
import type { BridgeLimits } from '../bridge/client-limits'
import { UiServer } from '../bridge/ui-server'
import { wsText } from '../bridge/ws-text'

/** Counts the real player processes alive: one per running pipeline. */
export function countingLauncher(): { launcher: PlayerLauncher; alive: () => number } {
  let alive = 0
  return {
    alive: () => alive,
    launcher: (file, env) => {
      const channel = forkPlayer(file, env)
      alive++
      channel.onExit(() => alive--)
      return channel
    }
  }
}

/** A real controller (demo source, null audio) behind a real UiServer on 127.0.0.1. */
export async function serveBridge(limits: Partial<BridgeLimits> = {}) {
  const players = countingLauncher()
  const controller = new AppController({
    store: new SettingsStore(undefined),
    workerDir: WORKER_DIR,
    sourceOptions: { speed: 20, assetsDir: ASSETS_DIR },
    audio: { kind: 'null' },
    audioPace: 'fast',
    playerLauncher: players.launcher,
    drainMs: 100,
    tickMs: 50
  })
  const server = new UiServer({
    controller,
    rendererDir: join(ROOT, 'out', 'renderer'),
    port: 0,
    limits
  })
  await server.listen()
  const dispose = async () => {
    await server.close()
    await controller.dispose()
  }
  return { controller, server, players, dispose }
}

export type ResultMessage = Extract<BridgeServerMessage, { type: 'result' }>

/** One bridge link: send commands, collect results by id, see how it closed. */
export class BridgeClient {
  readonly results = new Map<number, Result<unknown>[]>()
  closeCode: number | undefined
  #nextId = 1

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(wsText(data)) as BridgeServerMessage
      if (m.type !== 'result') return
      this.results.set(m.id, [...(this.results.get(m.id) ?? []), m.result])
    })
    ws.on('close', (code) => (this.closeCode = code))
    ws.on('error', () => {})
  }

  static open(url: string): Promise<BridgeClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.once('open', () => resolve(new BridgeClient(ws)))
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
      ws.once('error', reject)
    })
  }

  /** Sends one command; returns its id. */
  invoke(name: string, args: unknown = {}): number {
    const id = this.#nextId++
    this.send(JSON.stringify({ type: 'invoke', id, name, args }))
    return id
  }

  send(text: string | Buffer): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text)
  }

  /** Resolves with the (first) result for `id`. */
  async result(id: number, timeoutMs = 30_000): Promise<Result<unknown>> {
    const start = Date.now()
    while (!this.results.has(id)) {
      if (Date.now() - start > timeoutMs) throw new Error(`no result for command ${id}`)
      if (this.closeCode !== undefined) throw new Error(`link closed (${this.closeCode})`)
      await new Promise((r) => setTimeout(r, 5))
    }
    return this.results.get(id)![0]!
  }

  closed(): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode)
    return new Promise((resolve) => this.ws.once('close', (code) => resolve(code)))
  }

  close(): void {
    this.ws.terminate()
  }
}
