import { SettingsStore } from './settings-store'

/**
 * Opens the desktop app's settings and never throws: SettingsStore already turns every bad file or
 * folder into defaults plus a notice; should anything still go wrong, the app starts with settings
 * in memory and says why. Electron's `whenReady` callback must not reject over settings (no window,
 * no tray would follow).
 */
export function openSettingsStore(
  file: string,
  create: (file: string) => SettingsStore = (f) => new SettingsStore(f)
): SettingsStore {
  try {
    return create(file)
  } catch (err) {
    const store = new SettingsStore(undefined)
    store.loadNotices.push({
      code: 'settings-recovered',
      message: `设置无法加载，本次使用默认设置且不会保存。Settings could not be loaded from ${file} (${(err as Error).message}); defaults are in use and changes are not saved.`
    })
    return store
  }
}
