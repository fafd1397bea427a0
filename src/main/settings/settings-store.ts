import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { Emitter } from '../../shared/emitter'
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../shared/settings'
import { deepMerge } from './deep-merge'

export type SettingsUpdate = { ok: true; settings: Settings } | { ok: false; errors: string[] }

export interface SettingsLoadNotice {
  code: 'settings-recovered'
  message: string
  backup: string
}

/**
 * The persisted settings (JSON in the app's data folder). A file that cannot be read or fails
 * validation is kept as a backup next to it, defaults are used, and a notice says so: a broken
 * file never stops the app and is never silently overwritten. Writes are atomic (temp + rename).
 * Without a file (`file` undefined) settings live in memory only.
 */
export class SettingsStore {
  #settings: Settings
  readonly #onDidChange = new Emitter<Settings>()
  readonly onDidChange = this.#onDidChange.event
  readonly loadNotice: SettingsLoadNotice | undefined

  constructor(
    readonly file: string | undefined,
    initial: Settings = DEFAULT_SETTINGS,
    private readonly now: () => Date = () => new Date()
  ) {
    this.#settings = initial
    if (!file || !existsSync(file)) return
    let problem: string | undefined
    try {
      const result = parseSettings(JSON.parse(readFileSync(file, 'utf8')))
      if (result.ok) this.#settings = result.settings
      else problem = result.errors.join('; ')
    } catch (err) {
      problem = (err as Error).message
    }
    if (problem !== undefined) {
      const backup = `${file}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`
      renameSync(file, backup)
      this.loadNotice = {
        code: 'settings-recovered',
        backup,
        message: `设置文件已损坏，已备份为 ${backup} 并恢复默认设置。The settings file was invalid (${problem}); it was kept as ${backup} and defaults are in use.`
      }
    }
  }

  get settings(): Settings {
    return this.#settings
  }

  /** Applies a partial settings object; nothing changes unless the result is valid. */
  update(patch: Record<string, unknown>): SettingsUpdate {
    const result = parseSettings(deepMerge(this.#settings, patch))
    if (!result.ok) return result
    this.#replace(result.settings)
    return result
  }

  reset(): Settings {
    this.#replace(DEFAULT_SETTINGS)
    return DEFAULT_SETTINGS
  }

  #replace(settings: Settings): void {
    this.#settings = settings
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true })
      const temp = `${this.file}.tmp`
      writeFileSync(temp, JSON.stringify(settings, null, 2) + '\n')
      renameSync(temp, this.file)
    }
    this.#onDidChange.fire(settings)
  }

  dispose(): void {
    this.#onDidChange.dispose()
  }
}
