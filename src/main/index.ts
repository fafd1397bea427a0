import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'

/**
 * Electron entry. In this first cut it opens the (placeholder) dashboard with secure defaults;
 * the desktop wiring of the pipeline lands with the desktop-app issue.
 */
function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true
    }
  })
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  window.once('ready-to-show', () => window.show())
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(__dirname, '../renderer/index.html'))
}

if (!app.requestSingleInstanceLock()) app.quit()
else {
  void app.whenReady().then(createWindow)
  app.on('window-all-closed', () => app.quit())
}
