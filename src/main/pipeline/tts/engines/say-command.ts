import type { ProgramCommand } from './run-program'
import { wellFormed } from './well-formed'

/** What one macOS `say` utterance needs (the text itself goes to stdin, see {@link sayCommand}). */
export interface SayUtterance {
  /** Voice name, e.g. `Tingting`; empty = the system voice. */
  voice: string
  /** Words per minute, passed through: `say` uses the same unit. */
  rate: number
  sampleRate: number
  outputPath: string
}

/** Control characters cannot be part of a voice name or path, and NUL cannot be in an argument at all. */
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * `say --output-file=… --file-format=WAVE --data-format=LEI16@22050 [--voice=…] --rate=… --input-file=-`.
 * Every option is one `--name=value` element, so a value starting with `-` is never read as an
 * option; the text is not an argument at all but stdin (`--input-file=-`).
 */
export function sayCommand(command: string, u: SayUtterance): ProgramCommand {
  if (CONTROL.test(u.voice) || CONTROL.test(u.outputPath))
    throw new RangeError('voice and output path must not contain control characters')
  const sampleRate = Math.trunc(u.sampleRate)
  if (sampleRate < 8000 || sampleRate > 96_000)
    throw new RangeError(`bad sample rate ${u.sampleRate}`)
  const rate = Math.round(Math.max(50, Math.min(700, Number.isFinite(u.rate) ? u.rate : 175)))
  return {
    file: command,
    args: [
      `--output-file=${u.outputPath}`,
      '--file-format=WAVE',
      `--data-format=LEI16@${sampleRate}`,
      ...(u.voice ? [`--voice=${u.voice}`] : []),
      `--rate=${rate}`,
      '--input-file=-'
    ]
  }
}

/**
 * The text as `say` should read it from stdin: control characters (other than line breaks and tabs)
 * become spaces and lone surrogates U+FFFD. Nothing else changes; stdin carries any text verbatim,
 * quotes and `$(…)` included.
 */
export function sayInput(text: string): string {
  return wellFormed(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
}
