import { BrowserWindow, session } from 'electron'
import type { CaptureWindow } from '../sources/douyin/capture/electron-driver'
import { denyAllPermissions } from './session-policy'

const PARTITION = 'persist:douyin'

/**
 * The hidden, muted window page capture reads the live room through (Douyin's own page computes
 * its signatures). Remote content: sandboxed, isolated, no preload, no Node, no permissions
 * (requested or checked), no middle-click windows; its
 * own persistent partition keeps the user's Douyin cookies apart from the app.
 */
export async function openCaptureWindow(): Promise<CaptureWindow> {
  const ses = session.fromPartition(PARTITION)
  denyAllPermissions(ses)
  const window = new BrowserWindow({
    show: false,
    width: 1280,
    height: 800,
    webPreferences: {
      partition: PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      // A middle click must not open a link of the page in a new window.
      disableBlinkFeatures: 'Auxclick',
      backgroundThrottling: false
    }
  })
  window.webContents.setAudioMuted(true)
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  return { webContents: window.webContents, close: () => window.destroy() }
}
