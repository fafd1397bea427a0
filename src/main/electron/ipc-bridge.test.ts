import { afterEach, describe, expect, it } from 'vitest'
import { AppController } from '../app/app-controller'
import { SettingsStore } from '../settings/settings-store'
import { ASSETS_DIR, WORKER_DIR } from '../testing/paths'
import { waitFor } from '../testing/wait-for'
import {
  registerIpcBridge,
  type InvokeEventLike,
  type IpcMainLike,
  type WebContentsLike
} from './ipc-bridge'
import { isAppUrl, secureWebPreferences } from './window-policy'

/** Electron's ipcMain and webContents cannot run here: these stand-ins record what the bridge does. */
class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>()
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  }
  invoke(event: InvokeEventLike, ...args: unknown[]) {
    return this.handlers.get('dv:invoke')!(event, ...args)
  }
}

class FakeWebContents implements WebContentsLike {
  sent: [string, unknown][] = []
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload])
  }
  isDestroyed() {
    return false
  }
}

const page = { rendererFile: '/opt/DanmuVoice/out/renderer/index.html' }
const appUrl = 'file:///opt/DanmuVoice/out/renderer/index.html'
const disposers: (() => unknown)[] = []
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d()
})

function setup() {
  const controller = new AppController({
    store: new SettingsStore(undefined),
    workerDir: WORKER_DIR,
    sourceOptions: { speed: Infinity, assetsDir: ASSETS_DIR },
    audio: { kind: 'null' },
    audioPace: 'fast',
    tickMs: 20
  })
  const ipc = new FakeIpcMain()
  const wc = new FakeWebContents()
  const bridge = registerIpcBridge({
    ipcMain: ipc,
    controller,
    target: () => wc,
    isAppUrl: (u) => isAppUrl(u, page)
  })
  disposers.push(
    () => controller.dispose(),
    () => bridge.dispose()
  )
  return { controller, ipc, wc, bridge }
}

describe('Electron IPC bridge (main-process wiring, without Electron)', () => {
  it('answers the app window with validated commands', async () => {
    const { ipc, wc } = setup()
    const snapshot = (await ipc.invoke(
      { sender: wc, senderFrame: { url: appUrl } },
      'getSnapshot',
      {}
    )) as { ok: boolean; value: { session: { state: string } } }
    expect(snapshot).toMatchObject({ ok: true, value: { session: { state: 'idle' } } })
    const bad = await ipc.invoke({ sender: wc, senderFrame: { url: appUrl } }, 'setVolume', {
      volume: 'max'
    })
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'bad-args', details: [expect.stringMatching(/^volume: /)] }
    })
    const unknown = await ipc.invoke({ sender: wc, senderFrame: { url: appUrl } }, 'runShell', {
      cmd: 'rm -rf /'
    })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-command' } })
  })

  it('refuses another sender or a foreign page', async () => {
    const { ipc, wc } = setup()
    const other = new FakeWebContents()
    expect(
      await ipc.invoke({ sender: other, senderFrame: { url: appUrl } }, 'getSnapshot', {})
    ).toMatchObject({ ok: false, error: { message: 'unexpected sender' } })
    expect(
      await ipc.invoke(
        { sender: wc, senderFrame: { url: 'https://evil.example/' } },
        'getSnapshot',
        {}
      )
    ).toMatchObject({ ok: false })
    expect(await ipc.invoke({ sender: wc, senderFrame: null }, 'getSnapshot', {})).toMatchObject({
      ok: false
    })
  })

  it('forwards throttled ticks and settings to the window; dispose removes the handler', async () => {
    const { ipc, wc, controller, bridge } = setup()
    await controller.connect('demo')
    await waitFor(
      () =>
        wc.sent.some(
          ([c, p]) => c === 'dv:event:tick' && (p as { feed: unknown[] }).feed.length > 0
        ),
      'a tick with events'
    )
    await ipc.invoke({ sender: wc, senderFrame: { url: appUrl } }, 'updateSettings', {
      patch: { pools: { tts: { max: 3 } } }
    })
    expect(
      wc.sent.some(
        ([c, p]) =>
          c === 'dv:event:settings' &&
          (p as { pools: { tts: { max: number } } }).pools.tts.max === 3
      )
    ).toBe(true)
    expect(controller.pipeline?.status().pools.find((p) => p.name === 'tts')?.max).toBe(3)
    bridge.dispose()
    expect(ipc.handlers.size).toBe(0)
  })
})

describe('window policy', () => {
  it('is sandboxed and isolated with no Node', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true
    })
  })

  it('allows only the app page itself', () => {
    expect(isAppUrl(appUrl, page)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', page)).toBe(false)
    expect(isAppUrl('https://live.douyin.com/123', page)).toBe(false)
    expect(isAppUrl('not a url', page)).toBe(false)
    expect(
      isAppUrl('http://localhost:5173/#/settings', { devServerUrl: 'http://localhost:5173' })
    ).toBe(true)
    expect(isAppUrl('http://localhost:5174/', { devServerUrl: 'http://localhost:5173' })).toBe(
      false
    )
  })
})
