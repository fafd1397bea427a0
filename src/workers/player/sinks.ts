import type { SinkSpec } from '../../shared/player-protocol'
import { convertClip } from '../../shared/pcm'
import { WavAppender } from './wav-appender'
import { createSpeakerSink } from './speaker-sink'
import { CHUNK_MS, feed, type Sink } from './feed'

export type { PlayControl, Sink } from './feed'

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
