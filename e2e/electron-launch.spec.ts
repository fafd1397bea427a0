import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { layoutProblems, saveScreenshot, VIEWPORTS } from './support/browser'
import {
  connectDemo,
  expectDashboardMoving,
  expectPoolMax,
  openTab,
  setPoolMax,
  skipAndClear
} from './support/flows'
import { cleanupTempDirs, tempDir } from './support/server'

const ROOT = join(__dirname, '..')

/**
 * The Electron binary, when this machine has one. Read from the electron package's path.txt rather
 * than require('electron'), which would try to download it (blocked on the CI machines).
 */
function electronBinary(): string | undefined {
  const pkg = join(ROOT, 'node_modules', 'electron')
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron')
    return existsSync(candidate) ? candidate : undefined
  }
  if (!existsSync(join(pkg, 'path.txt'))) return undefined
  const candidate = join(pkg, 'dist', readFileSync(join(pkg, 'path.txt'), 'utf8').trim())
  return existsSync(candidate) ? candidate : undefined
}

const binary = electronBinary()
if (!binary) {
  console.warn(
    '[e2e] SKIPPED Electron launch tests: no Electron binary on this machine (its download is blocked here).'
  )
}

describe.skipIf(!binary)('desktop app (Electron, via Playwright _electron)', () => {
  let app: ElectronApplication | undefined
  afterAll(async () => app?.close())

  it('opens one secure window showing the dashboard', async () => {
    app = await _electron.launch({
      executablePath: binary,
      args: [join(ROOT, 'out', 'main', 'index.js')],
      cwd: ROOT
    })
    const window = await app.firstWindow()
    await expect.poll(() => window.title()).toContain('DanmuVoice')
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!
      // getLastWebPreferences is documented but missing from some versions' typings.
      const p = (
        w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null }
      ).getLastWebPreferences()
      return {
        contextIsolation: p?.contextIsolation,
        nodeIntegration: p?.nodeIntegration,
        sandbox: p?.sandbox
      }
    })
    expect(prefs).toEqual({ contextIsolation: true, nodeIntegration: false, sandbox: true })
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined'
    )
  })
})

/**
 * The browser-mode flows (dashboard.spec.ts, settings.spec.ts) in the desktop app, through the
 * preload bridge instead of the WebSocket one. Settings live in $XDG_CONFIG_HOME (Linux userData),
 * a temp folder per run, so a relaunch with the same one tests persistence.
 */
describe.skipIf(!binary)('desktop app flows (Electron)', () => {
  let app: ElectronApplication | undefined
  let configHome: string | undefined

  async function launch(): Promise<Page> {
    configHome ??= tempDir()
    app = await _electron.launch({
      executablePath: binary,
      args: [join(ROOT, 'out', 'main', 'index.js')],
      cwd: ROOT,
      env: { ...process.env, XDG_CONFIG_HOME: configHome }
    })
    const window = await app.firstWindow()
    await window.getByTestId('dashboard').waitFor()
    return window
  }

  async function resize(width: number, height: number): Promise<void> {
    await app!.evaluate(
      ({ BrowserWindow }, size) =>
        BrowserWindow.getAllWindows()[0]!.setContentSize(size.width, size.height),
      { width, height }
    )
  }

  afterEach(async () => {
    await app?.close()
    app = undefined
  })
  afterAll(() => cleanupTempDirs())

  it(
    'connects the demo and the numbers move; no link banner over IPC',
    { timeout: 90_000 },
    async () => {
      const window = await launch()
      await connectDemo(window)
      await expectDashboardMoving(window)
      expect(await window.getByTestId('link-banner').count()).toBe(0)
    }
  )

  it('skip and clear work', { timeout: 90_000 }, async () => {
    const window = await launch()
    await connectDemo(window)
    await skipAndClear(window)
  })

  it(
    'a new TTS pool maximum reaches the pool live and survives a relaunch',
    { timeout: 120_000 },
    async () => {
      let window = await launch()
      await connectDemo(window)
      await setPoolMax(window, 'tts', 3)
      await expectPoolMax(window, 'tts', 3)
      await app!.close()
      window = await launch()
      await connectDemo(window)
      await expectPoolMax(window, 'tts', 3)
    }
  )

  it(
    'lays out cleanly at both window sizes (screenshots electron-*)',
    { timeout: 90_000 },
    async () => {
      const window = await launch()
      await connectDemo(window)
      await expectDashboardMoving(window)
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await resize(viewport.width, viewport.height)
        await expect.poll(() => window.evaluate('window.innerWidth')).toBe(viewport.width)
        await openTab(window, 'dashboard')
        await saveScreenshot(window, `electron-dashboard-${size}`)
        expect(await layoutProblems(window)).toEqual([])
        await openTab(window, 'settings')
        await saveScreenshot(window, `electron-settings-${size}`)
        expect(await layoutProblems(window)).toEqual([])
      }
    }
  )
})
