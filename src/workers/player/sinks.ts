import type { AudioClip, AudioFormat } from '../../shared/speech'
import type { SinkSpec } from '../../shared/player-protocol'
import { convertClip } from '../../shared/pcm'
import { isSafeDeviceName } from '../../shared/audio-device'
import { WavAppender } from './wav-appender'
import { sleep } from '../../shared/clock'

/** What the playback loop needs from a sink, per clip. */
export interface PlayControl {
  /** Called before each chunk: false stops the clip (skip/clear). */
  shouldContinue(): boolean
  /** Resolves when not paused. */
  whilePaused(): Promise<void>
  /** First byte went to the sink. */
  started(): void
}

export interface Sink {
  readonly name: string
  /** Plays one clip; resolves with the bytes delivered. Throws with a clear message on device errors. */
  play(clip: AudioClip, control: PlayControl): Promise<number>
  close(): Promise<void>
}

const CHUNK_MS = 50

function chunkBytes(format: AudioFormat): number {
  const frame = format.channels * 2
  return Math.max(frame, Math.round((format.sampleRate * CHUNK_MS) / 1000) * frame)
}

/** Feeds a clip to `write` chunk by chunk, honouring skip and pause between chunks. */
async function feed(
  clip: AudioClip,
  control: PlayControl,
  write: (chunk: Uint8Array) => Promise<void>,
  paceMs: number
): Promise<number> {
  const size = chunkBytes(clip.format)
  let sent = 0
  for (let at = 0; at < clip.pcm.byteLength; at += size) {
    await control.whilePaused()
    if (!control.shouldContinue()) break
    const chunk = clip.pcm.subarray(at, Math.min(at + size, clip.pcm.byteLength))
    await write(chunk)
    if (sent === 0) control.started()
    sent += chunk.byteLength
    if (paceMs > 0) await sleep(paceMs * (chunk.byteLength / size))
  }
  return sent
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
  const Speaker = require('speaker') as new (
    options: Record<string, unknown>
  ) => NodeJS.WritableStream & {
    once(event: string, fn: (...args: unknown[]) => void): void
  }
  let current = device
  const sink: Sink = {
    name: device ? `speaker:${device}` : 'speaker',
    async play(clip, control) {
      try {
        return await playOn(clip, control, current)
      } catch (err) {
        if (!current || !/ERR_OPEN/.test((err as Error).message)) throw err
        warn(
          `output device "${current}" cannot be opened; playing to the default device instead (找不到输出设备，已改用默认设备)`
        )
        current = undefined
        return playOn(clip, control, undefined)
      }
    },
    async close() {}
  }
  return sink

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
      const sent = await feed(clip, control, write, 0)
      speaker.end()
      await Promise.race([closed, sleep(5000)])
      if (failure) throw failure
      return sent
    } catch (err) {
      speaker.end()
      const e = err as Error & { code?: string }
      throw new Error(`audio device error${e.code ? ` (${e.code})` : ''}: ${e.message}`)
    }
  }
}

/**
 * Everything played, back to back, appended to one WAV file (see WavAppender: the header is valid
 * after every chunk, an existing WAV is continued, any other existing file is left untouched).
 * The file's format is fixed by its first clip; later clips are converted to it.
 */
export function createWavSink(file: string, pace: 'realtime' | 'fast'): Sink {
  const opened = WavAppender.open(file)
  opened.catch(() => {}) // reported by the first play (and by close)
  return {
    name: `wav:${file}`,
    async play(clip, control) {
      const appender = await opened
      const converted = appender.format ? convertClip(clip, appender.format) : clip
      const write = (chunk: Uint8Array) => appender.append(chunk, converted.format)
      return feed(converted, control, write, pace === 'realtime' ? CHUNK_MS : 0)
    },
    async close() {
      // Even when nothing was played, leave a valid (empty) WAV so tools do not trip over it.
      await (await opened).close()
    }
  }
}

/** Discards audio (optionally taking as long as it lasts). */
export function createNullSink(pace: 'realtime' | 'fast'): Sink {
  return {
    name: 'null',
    play: (clip, control) =>
      feed(clip, control, async () => {}, pace === 'realtime' ? CHUNK_MS : 0),
    async close() {}
  }
}

/**
 * Plays to `primary` and appends what was played to a WAV file too. A recording that cannot be
 * written (not a WAV, disk full) is reported once and switched off; playback goes on.
 */
export function withRecording(
  primary: Sink,
  file: string,
  warn: (message: string) => void = () => {}
): Sink {
  let recorder: Sink | undefined = createWavSink(file, 'fast')
  const giveUp = (err: unknown) => {
    recorder = undefined
    warn(`recording stopped (录音已停止): ${(err as Error).message}`)
  }
  return {
    name: `${primary.name} + wav:${file}`,
    async play(clip, control) {
      const bytes = await primary.play(clip, control)
      const frame = clip.format.channels * 2
      const played = bytes - (bytes % frame)
      if (played > 0 && recorder) {
        await recorder
          .play(
            { format: clip.format, pcm: clip.pcm.subarray(0, played) },
            { shouldContinue: () => true, whilePaused: async () => {}, started: () => {} }
          )
          .catch(giveUp)
      }
      return bytes
    },
    async close() {
      await primary.close()
      await recorder?.close().catch(giveUp)
    }
  }
}

export function createSink(
  spec: SinkSpec,
  pace: 'realtime' | 'fast',
  warn?: (message: string) => void
): Sink {
  switch (spec.kind) {
    case 'speaker':
      return createSpeakerSink(spec.device, warn)
    case 'wav':
      return createWavSink(spec.file, pace)
    case 'null':
      return createNullSink(pace)
  }
}
