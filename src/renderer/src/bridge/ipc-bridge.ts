import type { Bridge } from '../../../shared/ipc/contract'
import type { AppBridge, LinkState } from './types'

/**
 * Desktop transport: the preload's `window.danmuvoice`. IPC to the main process cannot drop while
 * the window lives, so the link is always open.
 */
export function createIpcBridge(api: Bridge): AppBridge {
  return {
    transport: 'ipc',
    link: 'open' satisfies LinkState,
    invoke: (name, args) => api.invoke(name, args),
    on: (name, listener) => api.on(name, listener),
    onLink: () => () => {},
    close: () => {}
  }
}
