import { BrowserWindow, session } from 'electron'
import type { CaptureWindow } from '../sources/douyin/capture/electron-driver'

const PARTITION = 'persist:douyin'

/**
 * The hidden, muted window page capture reads the live room through (Douyin's own page computes
 * its signatures). Remote content: sandboxed, isolated, no preload, no Node, no permissions; its
 * own persistent partition keeps the user's Douyin cookies apart from the app.
 */
export async function openCaptureWindow(): Promise<CaptureWindow> {
  const ses = session.fromPartition(PARTITION)
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  const window = new BrowserWindow({
    show: false,
    width: 1280,
    height: 800,
    webPreferences: {
      partition: PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      backgroundThrottling: false
    }
  })
  window.webContents.setAudioMuted(true)
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  return { webContents: window.webContents, close: () => window.destroy() }
}
