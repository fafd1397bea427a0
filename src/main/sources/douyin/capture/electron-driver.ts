import { ListenerSet, type CaptureDriver, type CdpSession } from './cdp'

/**
 * The parts of Electron's `WebContents` / `Debugger` the capture uses, typed structurally so this
 * folder never imports `electron`. A real `BrowserWindow.webContents` satisfies it.
 */
export interface DebuggerLike {
  attach(protocolVersion?: string): void
  detach(): void
  isAttached(): boolean
  sendCommand(method: string, commandParams?: Record<string, unknown>): Promise<unknown>
  on(
    event: 'message',
    listener: (event: unknown, method: string, params: Record<string, unknown>) => void
  ): unknown
  on(event: 'detach', listener: (event: unknown, reason: string) => void): unknown
  removeAllListeners(event: 'message' | 'detach'): unknown
}

/** The parts of Electron `WebContents` used (structural; no electron import). */
export interface WebContentsLike {
  readonly debugger: DebuggerLike
  isDestroyed(): boolean
  setAudioMuted?(muted: boolean): void
  on(event: 'render-process-gone' | 'destroyed', listener: () => void): unknown
}

/** A hidden window the app creates for capture; `close()` destroys it. */
export interface CaptureWindow {
  readonly webContents: WebContentsLike
  close(): void
}

/**
 * Capture through Electron's `webContents.debugger`. `openWindow` should create something like
 * `new BrowserWindow({ show: false, webPreferences: { backgroundThrottling: false,
 * partition: 'persist:douyin' } })` (the partition keeps cookies and a login between runs).
 */
export function electronDriver(openWindow: () => Promise<CaptureWindow>): CaptureDriver {
  return {
    name: 'electron',
    async open() {
      const win = await openWindow()
      const wc = win.webContents
      const events = new ListenerSet<[string, Record<string, unknown>]>()
      const closes = new ListenerSet<[string]>()
      let closed = false
      wc.setAudioMuted?.(true)
      if (!wc.debugger.isAttached()) wc.debugger.attach('1.3')
      wc.debugger.on('message', (_e, method, params) => events.fire(method, params ?? {}))
      wc.debugger.on('detach', (_e, reason) => closes.fire(`debugger detached: ${reason}`))
      wc.on('render-process-gone', () => closes.fire('page crashed'))
      wc.on('destroyed', () => closes.fire('window closed'))
      const session: CdpSession = {
        send: (method, params) => wc.debugger.sendCommand(method, params),
        onEvent: (fn) => events.add(fn),
        onClose: (fn) => closes.add(fn),
        async close() {
          if (closed) return
          closed = true
          events.clear()
          closes.clear()
          if (!wc.isDestroyed()) {
            wc.debugger.removeAllListeners('message')
            wc.debugger.removeAllListeners('detach')
            if (wc.debugger.isAttached()) wc.debugger.detach()
          }
          win.close()
        }
      }
      return session
    }
  }
}
