import { accessSync, constants, copyFileSync, existsSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { Emitter } from '../../shared/emitter'
import { Disposable } from '../../shared/lifecycle'
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../shared/settings'
import { FileWriteError, writeFileAtomic } from '../files/atomic-write'
import { readFileCapped } from '../files/read-capped'
import { deepMerge } from './deep-merge'
import { salvageSettings } from './salvage-settings'
import { MAX_SETTINGS_BYTES } from './settings-limits'

export type SettingsUpdate =
  | { ok: true; settings: Settings }
  /** `invalid-settings`: values refused (per field); `settings-not-saved`: the disk refused. */
  | { ok: false; code: 'invalid-settings' | 'settings-not-saved'; errors: string[] }

export interface SettingsLoadNotice {
  /**
   * `settings-recovered`: unusable file, kept as `backup`, defaults in use.
   * `settings-fields-reset`: only `fields` were invalid; they are back to defaults, the rest kept.
   * `settings-read-only`: the folder cannot be written; changes will be refused until it can.
   */
  code: 'settings-recovered' | 'settings-fields-reset' | 'settings-read-only'
  message: string
  backup?: string
  fields?: string[]
}

/**
 * The persisted settings (JSON in the app's data folder).
 * - Loading never throws: an unreadable or invalid file is kept as a backup beside it; when only some
 *   values are invalid, just those go back to their defaults and the rest is kept; a read-only
 *   folder means defaults (or the file as read) and a notice. `loadNotices` says what happened.
 * - Writes are transactional: a change is live only once it is safely on disk (temp file, fsync,
 *   rename). When the disk refuses (read-only, full), the old values stay and the answer says why.
 * Without a file (`file` undefined) settings live in memory only.
 */
export class SettingsStore extends Disposable {
  #settings: Settings
  readonly #onDidChange = this._register(new Emitter<Settings>())
  readonly onDidChange = this.#onDidChange.event
  readonly loadNotices: SettingsLoadNotice[] = []

  constructor(
    readonly file: string | undefined,
    initial: Settings = DEFAULT_SETTINGS,
    private readonly now: () => Date = () => new Date()
  ) {
    super()
    this.#settings = initial
    if (file) this.#load(file)
  }

  /** The first load notice (kept for callers that show one). */
  get loadNotice(): SettingsLoadNotice | undefined {
    return this.loadNotices[0]
  }

  get settings(): Settings {
    return this.#settings
  }

  /** Applies a partial settings object; nothing changes unless it is valid and saved. */
  update(patch: Record<string, unknown>): SettingsUpdate {
    const result = parseSettings(deepMerge(this.#settings, patch))
    if (!result.ok) return { ok: false, code: 'invalid-settings', errors: result.errors }
    return this.#commit(result.settings)
  }

  reset(): SettingsUpdate {
    return this.#commit(DEFAULT_SETTINGS)
  }

  #commit(settings: Settings): SettingsUpdate {
    if (this.file) {
      try {
        writeFileAtomic(this.file, JSON.stringify(settings, null, 2) + '\n')
      } catch (err) {
        const code = err instanceof FileWriteError ? err.code : 'error'
        return {
          ok: false,
          code: 'settings-not-saved',
          errors: [
            `设置未保存 settings not saved: cannot write ${this.file} (${code}); the previous values stay in use`
          ]
        }
      }
    }
    this.#settings = settings
    this.#onDidChange.fire(settings)
    return { ok: true, settings }
  }

  #load(file: string): void {
    if (existsSync(file)) this.#read(file)
    const dir = dirname(file)
    if (!existsSync(dir)) return
    try {
      accessSync(dir, constants.W_OK)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error'
      this.loadNotices.push({
        code: 'settings-read-only',
        message: `设置文件夹只读，更改无法保存。The settings folder ${dir} cannot be written (${code}): changes will not be saved.`
      })
    }
  }

  #read(file: string): void {
    let json: unknown
    try {
      json = JSON.parse(readFileCapped(file, MAX_SETTINGS_BYTES))
    } catch (err) {
      return this.#recover(file, (err as Error).message)
    }
    const result = parseSettings(json)
    if (result.ok) {
      this.#settings = result.settings
      return
    }
    const salvaged = salvageSettings(json)
    if (!salvaged) return this.#recover(file, result.errors.join('; '))
    this.#settings = salvaged.settings
    if (salvaged.dropped.length === 0) return // only obsolete keys: nothing the user must know
    const backup = this.#backup(file, 'copy')
    // Save the repaired file, so the next start does not report (and back up) the same again.
    try {
      writeFileAtomic(file, JSON.stringify(salvaged.settings, null, 2) + '\n')
    } catch {
      // A read-only folder: the repaired values are in use; the notice below still applies.
    }
    const fields = salvaged.dropped
    this.loadNotices.push({
      code: 'settings-fields-reset',
      fields,
      ...(backup.path ? { backup: backup.path } : {}),
      message: `设置中有 ${fields.length} 项无效，已恢复默认值，其余设置保留。Invalid settings reset to their defaults: ${fields.join(', ')}; everything else was kept. ${backup.words}`
    })
  }

  /** Nothing usable in the file: defaults, with the file kept as a backup. */
  #recover(file: string, problem: string): void {
    const backup = this.#backup(file, 'move')
    this.loadNotices.push({
      code: 'settings-recovered',
      ...(backup.path ? { backup: backup.path } : {}),
      message: `设置文件已损坏，已恢复默认设置。The settings file was invalid (${problem.slice(0, 300)}); defaults are in use. ${backup.words}`
    })
  }

  #backup(file: string, how: 'copy' | 'move'): { path?: string; words: string } {
    const path = `${file}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`
    try {
      if (how === 'move') renameSync(file, path)
      else copyFileSync(file, path, constants.COPYFILE_EXCL)
      return { path, words: `The original file was kept as ${path} (已备份).` }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error'
      return { words: `The original file could not be backed up (${code}) and was left as it is.` }
    }
  }
}
