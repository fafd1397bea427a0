import { readFileCapped, ReadCappedError } from '../files/read-capped'
import { MAX_SETTINGS_BYTES } from '../settings/settings-limits'
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../shared/settings'
import { ConfigError } from './config-error'

/** Reads and validates a settings file; errors name the file and each bad field. */
export function loadConfigFile(file: string | undefined): Settings {
  if (file === undefined) return DEFAULT_SETTINGS
  let text: string
  try {
    text = readFileCapped(file, MAX_SETTINGS_BYTES)
  } catch (err) {
    const code = err instanceof ReadCappedError ? err.code : 'error'
    throw new ConfigError(
      code === 'too-large'
        ? `config ${file} is larger than any settings file can be (over ${MAX_SETTINGS_BYTES / 1024 / 1024} MiB); refusing to read it`
        : `cannot read config ${file}: ${code}`
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new ConfigError(`config ${file} is not valid JSON: ${(err as Error).message}`)
  }
  const result = parseSettings(json)
  if (!result.ok)
    throw new ConfigError(
      `config ${file} is invalid:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`
    )
  return result.settings
}
