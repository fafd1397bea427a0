import { readFileSync } from 'node:fs'
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../shared/settings'

export class ConfigError extends Error {}

/** Reads and validates a settings file; errors name the file and each bad field. */
export function loadConfigFile(file: string | undefined): Settings {
  if (file === undefined) return DEFAULT_SETTINGS
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new ConfigError(
      `cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`
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
