/**
 * Session and link policies of the desktop app, as pure code over the slices of Electron they
 * touch, so they are unit-tested here without the Electron binary.
 */

/** The slice of Electron's `Session` the lock-down uses. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler:
      ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null
  ): void
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void
}

/**
 * Refuses every permission, asked for (camera, notifications, …) or merely checked (clipboard,
 * media, HID…): neither the app page nor Douyin's page in the capture window needs any. Without a
 * check handler, Electron answers permission *checks* with its defaults.
 */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Hosts a link in the app may open in the user's browser (https only, exact host). */
export const EXTERNAL_HOSTS: readonly string[] = [
  'live.douyin.com',
  'www.douyin.com',
  'github.com',
  'learn.microsoft.com'
]

/**
 * Whether `url` may be handed to `shell.openExternal`: https, an allow-listed host, no user info,
 * the default port. Anything else (file:, custom schemes that start programs, look-alike hosts)
 * is refused: openExternal on untrusted text is a way to run things.
 */
export function isExternalUrlAllowed(
  url: string,
  hosts: readonly string[] = EXTERNAL_HOSTS
): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    hosts.includes(parsed.hostname)
  )
}
