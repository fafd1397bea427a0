import type { Bridge } from '../shared/ipc/contract'

declare global {
  interface Window {
    /** Present in the desktop app (preload); absent in browser mode, which uses the WebSocket bridge. */
    danmuvoice?: Bridge
  }
}

export {}
