import { join } from 'node:path'
import WebSocket from 'ws'
import type { BridgeServerMessage, Result } from '../../shared/ipc/contract'
import { AppController } from '../app/app-controller'
import { forkPlayer, type PlayerLauncher } from '../pipeline/playback/player-launcher'
import { SettingsStore } from '../settings/settings-store'
import { Recorder } from '../sources/testing/wait'
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

/** One bridge link: send commands, collect results by id, see how it closed; `until()` waits on both. */
export class BridgeClient extends Recorder {
  readonly results = new Map<number, Result<unknown>[]>()
  closeCode: number | undefined
  #nextId = 1

  private constructor(readonly ws: WebSocket) {
    super()
    ws.on('message', (data) => {
      const m = JSON.parse(wsText(data)) as BridgeServerMessage
      if (m.type !== 'result') return
      this.results.set(m.id, [...(this.results.get(m.id) ?? []), m.result])
      this.notify()
    })
    ws.on('close', (code) => {
      this.closeCode = code
      this.notify()
    })
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
    await this.until(
      () => this.results.has(id) || this.closeCode !== undefined,
      `the result of command ${id}`,
      timeoutMs
    )
    const results = this.results.get(id)
    if (!results) throw new Error(`link closed (${this.closeCode})`)
    return results[0]!
  }

  closed(): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode)
    return new Promise((resolve) => this.ws.once('close', (code) => resolve(code)))
  }

  close(): void {
    this.ws.terminate()
  }
}
