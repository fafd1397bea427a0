import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { openSettingsStore } from '../settings/open-settings'
import { tempDir } from '../testing/paths'
import { denyAllPermissions, isExternalUrlAllowed, type SessionLike } from './session-policy'
import { secureWebPreferences } from './window-policy'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

/** Electron's Session cannot run here: this stand-in keeps the handlers the app installs. */
class FakeSession implements SessionLike {
  request: Parameters<SessionLike['setPermissionRequestHandler']>[0] = null
  check: Parameters<SessionLike['setPermissionCheckHandler']>[0] = null
  setPermissionRequestHandler(handler: FakeSession['request']) {
    this.request = handler
  }
  setPermissionCheckHandler(handler: FakeSession['check']) {
    this.check = handler
  }
}

describe('Electron session policy (pure parts)', () => {
  it('every permission is refused, whether requested or only checked', () => {
    const session = new FakeSession()
    denyAllPermissions(session)
    for (const permission of ['media', 'notifications', 'clipboard-read', 'hid', 'geolocation']) {
      let granted: boolean | undefined
      session.request!({}, permission, (g) => (granted = g))
      expect(granted, permission).toBe(false)
      expect(session.check!({}, permission), permission).toBe(false)
    }
  })

  it('openExternal only for https links to allow-listed hosts', () => {
    for (const url of [
      'https://live.douyin.com/80017709309',
      'https://www.douyin.com/user/x',
      'https://github.com/danmuvoice'
    ])
      expect(isExternalUrlAllowed(url), url).toBe(true)
    for (const url of [
      'http://live.douyin.com/1',
      'file:///etc/passwd',
      'smb://evil.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://live.douyin.com.evil.example/',
      'https://evil.example/?https://live.douyin.com',
      'https://user:pw@live.douyin.com/',
      'https://live.douyin.com:8443/',
      'javascript:alert(1)',
      'not a url'
    ])
      expect(isExternalUrlAllowed(url), url).toBe(false)
  })

  it('windows never open a link on middle click', () => {
    expect(secureWebPreferences('/p.js').disableBlinkFeatures).toBe('Auxclick')
  })
})

describe('settings never stop the desktop app from starting', () => {
  it('a settings file that cannot be opened at all: defaults in memory, and a notice', () => {
    const store = openSettingsStore('/x/settings.json', () => {
      throw new Error('EIO: i/o error')
    })
    expect(store.settings).toEqual(DEFAULT_SETTINGS)
    expect(store.file).toBeUndefined()
    expect(store.loadNotices).toEqual([
      expect.objectContaining({
        code: 'settings-recovered',
        message: expect.stringMatching(/could not be loaded from \/x\/settings\.json \(EIO/)
      })
    ])
  })

  it('a settings path whose folder is a file: opens with defaults, refuses to save, says why', () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    writeFileSync(join(t.dir, 'not-a-folder'), 'x')
    const store = openSettingsStore(join(t.dir, 'not-a-folder', 'settings.json'))
    expect(store.settings).toEqual(DEFAULT_SETTINGS)
    expect(store.update({ audio: { volume: 0.5 } })).toMatchObject({
      ok: false,
      code: 'settings-not-saved',
      errors: [expect.stringMatching(/\(ENOTDIR\)/)]
    })
  })
})
