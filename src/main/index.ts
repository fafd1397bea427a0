// First: V8 heap flags, before the other modules load (see heap-tuning.ts).
import './heap-tuning'
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
import { untilDeadline } from './lifecycle/deadline'
import { DisposableStore, MutableDisposable, toDisposable } from '../shared/lifecycle'

/** Electron entry: the pipeline and settings live here; the renderer only shows them. */
const assetsDir = app.isPackaged
  ? join(process.resourcesPath, 'assets')
  : join(__dirname, '..', '..', 'assets')
const page: AppPage = {
  preload: join(__dirname, '..', 'preload', 'index.js'),
  rendererFile: join(__dirname, '..', 'renderer', 'index.html'),
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
}
/**
 * Quit waits this long for the pipeline to drain (its own drain deadline is 5 s, and the
 * ComponentManager bounds each stop past that), then exits regardless.
 */
const QUIT_DEADLINE_MS = 10_000

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let window: BrowserWindow | undefined
  let quitting = false
  // Everything the entry creates lives here; referenced from the quit handler, so the tray is never
  // garbage-collected (Electron removes an unreferenced Tray's icon).
  const owned = new DisposableStore()
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
      sourceOptions: {
        speed: 1,
        assetsDir,
        douyin: { captureDriver: electronDriver(openCaptureWindow) }
      },
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
    owned.add(
      registerIpcBridge({
        ipcMain,
        controller,
        target: () => window?.webContents,
        isAppUrl: (url) => isAppUrl(url, page),
        log: console.warn
      })
    )
    const tray = createTray(join(assetsDir, 'icon.png'), controller, {
      show,
      quit: () => app.quit()
    })
    owned.add(toDisposable(() => tray.destroy()))
    const hotkeys = owned.add(new MutableDisposable<HotkeyRegistration>())
    const bindHotkeys = () => {
      hotkeys.value = undefined
      const bound = registerHotkeys(
        globalShortcut,
        store.settings.hotkeys,
        hotkeyActions(controller)
      )
      hotkeys.value = bound
      const taken = Object.entries(bound.failed).map(([action, key]) => `${action} (${key})`)
      if (taken.length > 0) console.warn(`hotkeys held by another app: ${taken.join(', ')}`)
    }
    bindHotkeys()
    owned.add(store.onDidChange(bindHotkeys))
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
      const drained = Promise.allSettled([ui?.close(), controller.dispose()])
      void untilDeadline(drained, Date.now() + QUIT_DEADLINE_MS).then((result) => {
        if (result === 'deadline') console.warn('quit: the pipeline did not stop in time; exiting')
        owned.dispose()
        app.exit(0)
      })
    })
  })
}
