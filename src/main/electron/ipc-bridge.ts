import type { EventName, Events } from '../../shared/ipc/contract'
import { DisposableStore, toDisposable, type IDisposable } from '../../shared/lifecycle'
import type { AppController } from '../app/app-controller'

/** The slice of Electron's ipcMain this module uses (so it is testable without Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

export interface InvokeEventLike {
  sender: unknown
  senderFrame?: { url: string } | null
}

export interface WebContentsLike {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike
  controller: AppController
  /** The renderer's webContents: the only sender accepted, and where events go. */
  target: () => WebContentsLike | undefined
  /** True for the app's own page URL (file:// of out/renderer, or the dev server). */
  isAppUrl: (url: string) => boolean
  log?: (message: string) => void
}

/**
 * Electron transport for the contract: one `dv:invoke` handler (sender checked, then the controller
 * validates the command) and the controller's events forwarded to the window as `dv:event:<name>`.
 * Errors never cross as throws (only `message` would survive): every reply is a Result.
 */
export function registerIpcBridge(options: IpcBridgeOptions): IDisposable {
  const store = new DisposableStore()
  const { ipcMain, controller } = options
  ipcMain.handle('dv:invoke', (event, name, args) => {
    const target = options.target()
    const url = event.senderFrame?.url ?? ''
    if (!target || event.sender !== target || !options.isAppUrl(url)) {
      options.log?.(`refused IPC from an unexpected sender (${url || 'no frame'})`)
      return { ok: false, error: { code: 'bad-command', message: 'unexpected sender' } }
    }
    return controller.dispatch(name, args)
  })
  store.add(toDisposable(() => ipcMain.removeHandler('dv:invoke')))
  const forward =
    <E extends EventName>(name: E) =>
    (payload: Events[E]) => {
      const target = options.target()
      if (target && !target.isDestroyed()) target.send(`dv:event:${name}`, payload)
    }
  store.add(controller.onTick(forward('tick')))
  store.add(controller.onSettings(forward('settings')))
  store.add(controller.onNotice(forward('notice')))
  store.add(controller.onObsLink(forward('obsLink')))
  return store
}
