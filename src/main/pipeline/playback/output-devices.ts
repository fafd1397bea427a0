import { execFile } from 'node:child_process'
import { isSafeDeviceName } from '../../../shared/audio-device'

export interface OutputDevice {
  /** What goes into settings (`audio.device`) and to the audio library. */
  id: string
  label: string
}

export interface DeviceList {
  devices: OutputDevice[]
  /** Why the list is empty or partial, in words. */
  note?: string
}

/** Parses `aplay -L`: a PCM name at the start of a line, its description indented below it. */
export function parseAplayList(text: string): OutputDevice[] {
  const devices: OutputDevice[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    if (!/^\s/.test(line)) devices.push({ id: line.trim(), label: line.trim() })
    else if (devices.length > 0) {
      const last = devices[devices.length - 1]!
      last.label = last.label === last.id ? `${line.trim()} (${last.id})` : last.label
    }
  }
  // `null` discards audio and `default` is what an empty choice means anyway.
  // A name the player would refuse (it could carry a command) is not offered at all.
  return devices.filter((d) => d.id !== 'null' && d.id !== 'default' && isSafeDeviceName(d.id))
}

/**
 * Output devices the player can open by name. On Linux these are ALSA PCMs (`aplay -L`, from
 * alsa-utils); the audio library on macOS and Windows plays to the system default only.
 */
export function listOutputDevices(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform
): Promise<DeviceList> {
  if (platform !== 'linux') {
    return Promise.resolve({
      devices: [],
      note: 'On this system sound goes to the default output device; choose it in the system sound settings.'
    })
  }
  return new Promise((resolve) => {
    execFile('aplay', ['-L'], { env, timeout: 5000 }, (err, stdout) => {
      if (err)
        resolve({
          devices: [],
          note: `cannot list ALSA devices (aplay from alsa-utils: ${(err as NodeJS.ErrnoException).code ?? err.message})`
        })
      else resolve({ devices: parseAplayList(stdout) })
    })
  })
}
