import { DEVICE_NAME_RULE, isSafeDeviceName } from './audio-device'
import type { AudioClip } from './speech'
import type { LogLevel } from './log'

/**
 * Messages between the main process and the audio player child process (structured clone:
 * `fork(..., {serialization: 'advanced'})` in Node, `utilityProcess` in Electron).
 */

/** `speaker` (the OS device), `wav:<file>` (everything played, back to back, in one WAV), `null`. */
export type SinkSpec =
  { kind: 'speaker'; device?: string } | { kind: 'wav'; file: string } | { kind: 'null' }

export interface PlayerConfig {
  sink: SinkSpec
  /** `realtime`: a file/null sink takes as long as the audio lasts, like a device; `fast`: no waiting. */
  pace: 'realtime' | 'fast'
  volume: number
  /** Also save every line played, back to back, into this WAV file. */
  record?: string
}

export type PlayerCommand =
  /** `gain` multiplies the master volume for this clip (per-type volume). */
  | { type: 'play'; id: number; clip: AudioClip; gain?: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'skip' }
  | { type: 'clear' }
  | { type: 'volume'; value: number }
  /** Finish what is playing, close the sink (the WAV header is finalised), exit. */
  | { type: 'shutdown' }

export type PlayerReply =
  | { type: 'ready'; sink: string }
  /** First audio byte handed to the sink, epoch ms. */
  | { type: 'started'; id: number; at: number }
  | { type: 'ended'; id: number; at: number; played: true; bytes: number }
  | {
      type: 'ended'
      id: number
      at: number
      played: false
      reason: 'skipped' | 'cleared' | 'error'
      detail?: string
    }
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'closed' }

export function parseSinkSpec(spec: string): SinkSpec {
  if (spec === 'speaker') return { kind: 'speaker' }
  if (spec.startsWith('speaker:') && spec.length > 8) {
    const device = spec.slice(8)
    if (!isSafeDeviceName(device))
      throw new Error(`bad output device "${device}"; expected ${DEVICE_NAME_RULE}`)
    return { kind: 'speaker', device }
  }
  if (spec === 'null') return { kind: 'null' }
  if (spec.startsWith('wav:') && spec.length > 4) return { kind: 'wav', file: spec.slice(4) }
  throw new Error(`bad audio sink "${spec}"; expected speaker, wav:<file> or null`)
}

export function describeSink(sink: SinkSpec): string {
  return sink.kind === 'wav'
    ? `wav:${sink.file}`
    : sink.kind === 'speaker' && sink.device
      ? `speaker:${sink.device}`
      : sink.kind
}
