import type { AppBridge } from './types'
import { createIpcBridge } from './ipc-bridge'
import { WsBridge } from './ws-bridge'

/** Where the page runs, as far as choosing a transport is concerned. */
export interface PageLocation {
  protocol: string
  host: string
  search: string
}

/**
 * The WebSocket URL for a page served by DanmuVoice (same host, token from the page URL):
 * `/bridge` for the dashboard, `/overlay-feed` (read-only) for the OBS overlay.
 */
export function bridgeUrl(
  location: PageLocation,
  path: '/bridge' | '/overlay-feed' = '/bridge'
): string {
  const token = new URLSearchParams(location.search).get('token') ?? ''
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${path}?token=${encodeURIComponent(token)}`
}

/** The preload's API in the desktop app; otherwise the WebSocket bridge of the page's own server. */
export function createBridge(win: Window = window): AppBridge {
  if (win.danmuvoice) return createIpcBridge(win.danmuvoice)
  return new WsBridge({ url: bridgeUrl(win.location) })
}
