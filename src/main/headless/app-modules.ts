/**
 * What a headless run loads once the player's start-up check is done (run-headless.ts): the
 * settings schema (zod), the settings store and the app. One dynamic import keeps them out of the
 * entry's bundle chunk, so they are not yet in memory while the check's process runs.
 */
export { AppController } from '../app/app-controller'
export { SettingsStore } from '../settings/settings-store'
export { loadConfigFile } from './load-config'
