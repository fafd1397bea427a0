import { app, globalShortcut, ipcMain, utilityProcess, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { AppController } from './app/app-controller'
import { serveUi } from './bridge/serve-ui'
import type { UiServer } from './bridge/ui-server'
import { openCaptureWindow } from './electron/capture-window'
import { registerIpcBridge } from './electron/ipc-bridge'
import { electronDriver } from './sources/douyin/capture/electron-driver'
import { hotkeyActions, registerHotkeys, type HotkeyRegistration } from './electron/hotkeys'
import { createMainWindow, type AppPage } from './electron/main-window'
import { createTray } from './electron/tray'
import { utilityPlayerLauncher } from './electron/utility-player'
import { isAppUrl } from './electron/window-policy'
import { openSettingsStore } from './settings/open-settings'

/** Electron entry: the pipeline and settings live here; the renderer only shows them. */
const assetsDir = app.isPackaged
  ? join(process.resourcesPath, 'assets')
  : join(__dirname, '..', '..', 'assets')
const page: AppPage = {
  preload: join(__dirname, '..', 'preload', 'index.js'),
  rendererFile: join(__dirname, '..', 'renderer', 'index.html'),
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let window: BrowserWindow | undefined
  let quitting = false
  app.on('second-instance', () => window?.show())
  app.on('web-contents-created', (_e, contents) =>
    contents.on('will-attach-webview', (event) => event.preventDefault())
  )

  void app.whenReady().then(() => {
    // Never throws: a bad or read-only settings file means defaults and a notice, not a dead app.
    const store = openSettingsStore(join(app.getPath('userData'), 'settings.json'))
    const controller = new AppController({
      store,
      workerDir: __dirname,
      sourceOptions: { speed: 1, assetsDir, captureDriver: electronDriver(openCaptureWindow) },
      audio: { kind: 'speaker' },
      recordingsDir: join(app.getPath('userData'), 'recordings'),
      playerLauncher: utilityPlayerLauncher(utilityProcess)
    })
    // The same token-guarded local server as browser mode, so OBS can show the overlay: on the
    // port in settings with the token kept in the data folder, so the OBS link survives restarts.
    let ui: UiServer | undefined
    void serveUi({
      controller,
      rendererDir: join(__dirname, '..', 'renderer'),
      port: store.settings.overlay.port,
      fromSettings: true,
      dataDir: app.getPath('userData')
    }).then(
      (server) => (ui = server),
      (err: Error) => console.warn(`overlay server not started: ${err.message}`)
    )
    window = createMainWindow(page)
    const show = () => (window?.show(), window?.focus())
    registerIpcBridge({
      ipcMain,
      controller,
      target: () => window?.webContents,
      isAppUrl: (url) => isAppUrl(url, page),
      log: console.warn
    })
    createTray(join(assetsDir, 'icon.png'), controller, { show, quit: () => app.quit() })
    let hotkeys: HotkeyRegistration | undefined
    const bindHotkeys = () => {
      hotkeys?.dispose()
      hotkeys = registerHotkeys(globalShortcut, store.settings.hotkeys, hotkeyActions(controller))
      const taken = Object.entries(hotkeys.failed).map(([action, key]) => `${action} (${key})`)
      if (taken.length > 0) console.warn(`hotkeys held by another app: ${taken.join(', ')}`)
    }
    bindHotkeys()
    store.onDidChange(bindHotkeys)
    app.on('will-quit', () => globalShortcut.unregisterAll())
    // Closing the window hides it: the room keeps being read until Quit.
    window.on('close', (event) => {
      if (!quitting) {
        event.preventDefault()
        window?.hide()
      }
    })
    // Quit drains the pipeline (speaks what is queued, up to its deadline) before exiting.
    app.on('before-quit', (event) => {
      if (quitting) return
      quitting = true
      event.preventDefault()
      void Promise.allSettled([ui?.close(), controller.dispose()]).finally(() => app.exit(0))
    })
  })
}
