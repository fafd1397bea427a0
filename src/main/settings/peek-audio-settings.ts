import { isSafeDeviceName } from '../../shared/audio-device'
import { isRecordingName } from '../../shared/recording-name'
import type { Settings } from '../../shared/settings'
import { readFileCapped, ReadCappedError } from '../files/read-capped'
import { MAX_SETTINGS_BYTES } from './settings-limits'

type AudioSettings = Settings['audio']

/**
 * The audio section of a settings file, read without the settings schema: for the player's
 * start-up check, which the headless entry runs before the schema's modules (zod) load. Each value
 * passes the rule the schema applies (device allow-list, bare `.wav` name, volume 0–2) or is taken
 * as the schema's default, as the store's salvage does. Undefined when the file cannot be
 * read as JSON: the store's own load reports that.
 *
 * This is never the settings the app uses: the store's full load is. The check's result stands in
 * for the player's first start only when both name the same output (output-probe.ts).
 */
export function peekAudioSettings(file: string | undefined): AudioSettings | undefined {
  let audio: Record<string, unknown> = {}
  if (file !== undefined) {
    let json: unknown
    try {
      json = JSON.parse(readFileCapped(file, MAX_SETTINGS_BYTES))
    } catch (err) {
      // No file yet (a first run): the store starts from the defaults too.
      if (err instanceof ReadCappedError && err.code === 'ENOENT') json = {}
      else return undefined
    }
    const section = (json as { audio?: unknown } | null)?.audio
    if (typeof section === 'object' && section !== null) audio = section as Record<string, unknown>
  }
  const { device, recordFile, volume } = audio
  // The allow-lists are the boundary for what reaches the player; the schema's length caps are not
  // restated: a name it would refuse for length only makes the outputs differ (no shortcut).
  return {
    device: typeof device === 'string' && isSafeDeviceName(device) ? device : '',
    recordFile: typeof recordFile === 'string' && isRecordingName(recordFile) ? recordFile : '',
    volume: typeof volume === 'number' && volume >= 0 && volume <= 2 ? volume : 1
  }
}
