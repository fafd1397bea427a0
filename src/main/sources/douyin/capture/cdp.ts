import type { IDisposable } from '../../../../shared/lifecycle'

/**
 * The slice of Chrome DevTools Protocol the page-capture connector needs. Two drivers implement it:
 * Electron's `webContents.debugger` and playwright-core driving a Chromium.
 */
export interface CdpSession {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>
  /** Every CDP event from the page (at least those in CAPTURE_EVENTS). */
  onEvent(listener: (method: string, params: Record<string, unknown>) => void): IDisposable
  /** Fires when the page or browser goes away (crash, window closed, debugger detached). */
  onClose(listener: (reason: string) => void): IDisposable
  /** Detaches and closes the page (and the browser, if the driver started one). */
  close(): Promise<void>
}

/** Opens a fresh page to capture from. */
export interface CaptureDriver {
  /** `playwright` or `electron`, for logs. */
  readonly name: string
  open(signal: AbortSignal): Promise<CdpSession>
}

/** CDP events the connector listens to; drivers that subscribe per event use this list. */
export const CAPTURE_EVENTS = [
  'Network.webSocketCreated',
  'Network.webSocketHandshakeResponseReceived',
  'Network.webSocketFrameReceived',
  'Network.webSocketClosed',
  'Network.responseReceived',
  'Network.loadingFinished',
  'Page.loadEventFired'
] as const

/** A small listener set that drivers share. */
export class ListenerSet<A extends unknown[]> {
  #items = new Set<(...args: A) => void>()

  add(fn: (...args: A) => void): IDisposable {
    this.#items.add(fn)
    return { dispose: () => this.#items.delete(fn) }
  }

  fire(...args: A): void {
    for (const fn of [...this.#items]) {
      try {
        fn(...args)
      } catch {
        // A listener bug must not break CDP dispatch for the others.
      }
    }
  }

  clear(): void {
    this.#items.clear()
  }
}
