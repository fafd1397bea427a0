import { BrowserWindow, session, shell } from 'electron'
import { denyAllPermissions, isExternalUrlAllowed } from './session-policy'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import { isAppUrl, secureWebPreferences } from './window-policy'

export interface AppPage {
  preload: string
  rendererFile: string
  devServerUrl?: string
}

/**
 * The one app window: sandboxed, context-isolated, no Node; a strict CSP; navigation, new windows
 * and permission requests and checks (camera, notifications, …) all refused. Links to
 * allow-listed hosts open in the browser.
 */
export function createMainWindow(page: AppPage): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: '弹幕播报 DanmuVoice',
    backgroundColor: '#101418',
    webPreferences: secureWebPreferences(page.preload)
  })
  const ses = window.webContents.session ?? session.defaultSession
  denyAllPermissions(ses)
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
      }
    })
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Only allow-listed https hosts reach the browser; nothing opens inside the app.
    if (isExternalUrlAllowed(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, page)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.once('ready-to-show', () => window.show())
  if (page.devServerUrl) void window.loadURL(page.devServerUrl)
  else void window.loadFile(page.rendererFile)
  return window
}
