import type { AudioClip } from '../../shared/speech'
import { isSafeDeviceName } from '../../shared/audio-device'
import { sleep } from '../../shared/clock'
import { chunkBytes, feed, type PlayControl, type Sink } from './feed'

/**
 * Audio handed to the device per write. `speaker` 0.5.5 leaks its native async-work record on
 * every write (about 0.45 KB, never freed; measured), so few large writes keep the player flat
 * where 50 ms writes grew it by ~70 KB per line. It must stay under the 0.5 s ring buffer of
 * mpg123's CoreAudio output, whose write waits for room for the whole chunk.
 */
const WRITE_MS = 250

/** The error the native module throws (with this code) when a device cannot be opened. */
const OPEN_FAILED = 'ERR_OPEN'

type SpeakerStream = NodeJS.WritableStream & {
  once(event: string, fn: (...args: unknown[]) => void): void
  /** Stops at once: `true` drops what the device still holds (skip, clear). */
  close(flush: boolean): void
}

/** A device error, keeping the native module's code so callers can branch on it. */
export class AudioDeviceError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined
  ) {
    super(message)
  }
}

/**
 * The OS audio device through the native `speaker` module (loaded here, in the child only).
 * A named device that cannot be opened falls back to the default device, once, with a warning.
 */
export function createSpeakerSink(
  device: string | undefined,
  warn: (message: string) => void = () => {}
): Sink {
  if (device !== undefined && !isSafeDeviceName(device)) {
    // Defence in depth: settings and flags refuse such names already (audio-device.ts).
    warn(`output device name refused (设备名无效); playing to the default device`)
    device = undefined
  }
  // require() is deliberate: with no audio device alsa-lib aborts the process at module load;
  // that is why this code runs in its own process.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Speaker = require('speaker') as new (options: Record<string, unknown>) => SpeakerStream
  let current = device
  return {
    name: device ? `speaker:${device}` : 'speaker',
    async play(clip, control) {
      try {
        return await playOn(clip, control, current)
      } catch (err) {
        if (!current || (err as AudioDeviceError).code !== OPEN_FAILED) throw err
        warn(
          `output device "${current}" cannot be opened; playing to the default device instead (找不到输出设备，已改用默认设备)`
        )
        current = undefined
        return playOn(clip, control, undefined)
      }
    },
    async close() {}
  }

  async function playOn(
    clip: AudioClip,
    control: PlayControl,
    device: string | undefined
  ): Promise<number> {
    const speaker = new Speaker({
      channels: clip.format.channels,
      bitDepth: 16,
      sampleRate: clip.format.sampleRate,
      signed: true,
      // One native write per chunk we feed (the module splits into 1,024-frame writes otherwise).
      samplesPerFrame: chunkBytes(clip.format, WRITE_MS) / (clip.format.channels * 2),
      ...(device ? { device } : {})
    })
    let failure: Error | undefined
    const closed = new Promise<void>((resolve) => speaker.once('close', () => resolve()))
    speaker.once('error', (err) => {
      failure = err as Error
    })
    const write = (chunk: Uint8Array) =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure)
        speaker.write(
          Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
          (err?: Error | null) => (err || failure ? reject(err ?? (failure as Error)) : resolve())
        )
      })
    try {
      const sent = await feed(clip, control, write, 0, WRITE_MS)
      if (control.shouldContinue()) {
        speaker.end() // plays out what the device holds, then closes
        await Promise.race([closed, sleep(5000)])
      } else speaker.close(true) // skipped or cleared: silence now
      if (failure) throw failure
      return sent
    } catch (err) {
      speaker.end()
      const e = err as Error & { code?: string }
      throw new AudioDeviceError(
        `audio device error${e.code ? ` (${e.code})` : ''}: ${e.message}`,
        e.code
      )
    }
  }
}
