/**
 * The desktop window's security policy, as plain data and pure checks (unit-tested without Electron).
 */

export interface SecureWebPreferences {
  preload: string
  contextIsolation: true
  nodeIntegration: false
  nodeIntegrationInWorker: false
  sandbox: true
  webSecurity: true
  allowRunningInsecureContent: false
  spellcheck: false
  /** A middle click must not open a link in a new window. */
  disableBlinkFeatures: 'Auxclick'
}

export function secureWebPreferences(preload: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick'
  }
}

/**
 * True when `url` is the app's own page: the built renderer file, or the dev server origin.
 * Anything else (a link in a comment, a redirect) must never load in the app window.
 */
export function isAppUrl(
  url: string,
  app: { rendererFile?: string; devServerUrl?: string }
): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (app.devServerUrl) {
    try {
      return parsed.origin === new URL(app.devServerUrl).origin
    } catch {
      return false
    }
  }
  if (!app.rendererFile || parsed.protocol !== 'file:') return false
  return (
    decodeURIComponent(parsed.pathname).replace(/^\/([A-Za-z]:)/, '$1') ===
    app.rendererFile.replace(/\\/g, '/')
  )
}
