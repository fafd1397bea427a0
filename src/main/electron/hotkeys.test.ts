import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { AppController } from '../app/app-controller'
import { SettingsStore } from '../settings/settings-store'
import { ASSETS_DIR, WORKER_DIR } from '../testing/paths'
import { hotkeyActions, registerHotkeys, type GlobalShortcutLike } from './hotkeys'

/** Electron's globalShortcut cannot run here: this stand-in holds accelerators like the OS would. */
class FakeShortcuts implements GlobalShortcutLike {
  held = new Map<string, () => void>()
  takenByOtherApps = new Set<string>()
  register(accelerator: string, callback: () => void) {
    if (this.takenByOtherApps.has(accelerator) || this.held.has(accelerator)) return false
    this.held.set(accelerator, callback)
    return true
  }
  unregister(accelerator: string) {
    this.held.delete(accelerator)
  }
  press(accelerator: string) {
    this.held.get(accelerator)?.()
  }
}

const disposers: (() => unknown)[] = []
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d()
})

function controller() {
  const c = new AppController({
    store: new SettingsStore(undefined),
    workerDir: WORKER_DIR,
    sourceOptions: { speed: 1, assetsDir: ASSETS_DIR },
    audio: { kind: 'null' },
    audioPace: 'fast'
  })
  disposers.push(() => c.dispose())
  return c
}

describe('global hotkeys (desktop app; Electron part faked)', () => {
  it('binds the configured keys, reports taken ones, and unbinds on dispose', () => {
    const os = new FakeShortcuts()
    os.takenByOtherApps.add('CommandOrControl+Alt+C')
    const calls: string[] = []
    const actions = Object.fromEntries(
      Object.keys(DEFAULT_SETTINGS.hotkeys).map((k) => [k, () => void calls.push(k)])
    ) as Parameters<typeof registerHotkeys>[2]
    const reg = registerHotkeys(os, { ...DEFAULT_SETTINGS.hotkeys, rateUp: '' }, actions)
    expect(reg.failed).toEqual({ clear: 'CommandOrControl+Alt+C' })
    expect(os.held.size).toBe(5)
    os.press('CommandOrControl+Alt+S')
    expect(calls).toEqual(['skip'])
    reg.dispose()
    expect(os.held.size).toBe(0)
  })

  it('volume and rate keys step the settings within their bounds', async () => {
    const c = controller()
    const os = new FakeShortcuts()
    const reg = registerHotkeys(os, DEFAULT_SETTINGS.hotkeys, hotkeyActions(c))
    disposers.push(() => reg.dispose())
    os.press('CommandOrControl+Alt+Down')
    os.press('CommandOrControl+Alt+Right')
    await vi.waitFor(() => {
      expect(c.snapshot().settings.audio.volume).toBe(0.9)
      expect(c.snapshot().settings.tts.rate).toBe(195)
    })
    for (let i = 0; i < 30; i++) os.press('CommandOrControl+Alt+Up')
    await vi.waitFor(() => expect(c.snapshot().settings.audio.volume).toBe(2))
  })
})
