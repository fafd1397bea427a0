import type { AudioClip } from './speech'

/** Where a WAV's audio starts, and its format (16-bit PCM only). */
export interface WavLayout {
  format: AudioClip['format']
  /** Byte offset of the first sample (just after the `data` chunk header). */
  dataOffset: number
  /** Byte length the `data` chunk header claims (a placeholder in streaming headers). */
  declaredBytes: number
}

/** Error codes of {@link readWavLayout}, for callers that must tell "not a WAV" from the rest. */
export type WavErrorCode = 'not-wav' | 'unsupported-encoding' | 'no-data'

export class WavFormatError extends Error {
  constructor(
    readonly code: WavErrorCode,
    message: string
  ) {
    super(message)
  }
}

/** Finds the format and the start of the samples in a WAV header (`bytes` may be just its head). */
export function readWavLayout(bytes: Uint8Array): WavLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new WavFormatError(
      'not-wav',
      `not a WAV file (${bytes.byteLength} bytes, starts ${JSON.stringify(tag(0))})`
    )
  }
  let offset = 12
  let format: AudioClip['format'] | undefined
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset)
    const size = view.getUint32(offset + 4, true)
    const body = offset + 8
    if (id === 'fmt ') {
      if (body + 16 > bytes.byteLength) break
      const audioFormat = view.getUint16(body, true)
      const channels = view.getUint16(body + 2, true)
      const sampleRate = view.getUint32(body + 4, true)
      const bitDepth = view.getUint16(body + 14, true)
      if ((audioFormat !== 1 && audioFormat !== 0xfffe) || bitDepth !== 16 || channels < 1) {
        throw new WavFormatError(
          'unsupported-encoding',
          `unsupported WAV encoding (format ${audioFormat}, ${bitDepth} bit); need 16-bit PCM`
        )
      }
      format = { sampleRate, channels, bitDepth: 16 }
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('no-data', 'WAV data chunk before fmt chunk')
      return { format, dataOffset: body, declaredBytes: size }
    }
    offset = body + size + (size % 2)
  }
  throw new WavFormatError('no-data', 'WAV has no data chunk')
}

/**
 * Reads a PCM WAV (RIFF) into an AudioClip. Handles the streaming header espeak-ng writes to stdout,
 * whose sizes are placeholders (0x7ffff000): the data then runs to the end of the buffer.
 */
export function parseWav(bytes: Uint8Array): AudioClip {
  const { format, dataOffset, declaredBytes } = readWavLayout(bytes)
  const end = Math.min(bytes.byteLength, dataOffset + declaredBytes)
  const frame = format.channels * 2
  const usable = end - dataOffset - ((end - dataOffset) % frame)
  return { format, pcm: bytes.subarray(dataOffset, dataOffset + usable) }
}

/** The canonical 44-byte header for `dataBytes` bytes of 16-bit PCM in `format`. */
export function wavHeader(format: AudioClip['format'], dataBytes: number): Uint8Array {
  const { sampleRate, channels } = format
  const out = new Uint8Array(44)
  const view = new DataView(out.buffer)
  const write = (at: number, s: string) =>
    [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)))
  write(0, 'RIFF')
  view.setUint32(4, 36 + dataBytes, true)
  write(8, 'WAVE')
  write(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true)
  view.setUint16(22, channels, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * channels * 2, true)
  view.setUint16(32, channels * 2, true)
  view.setUint16(34, 16, true)
  write(36, 'data')
  view.setUint32(40, dataBytes, true)
  return out
}

/** A canonical 44-byte header + data, for tools that want a file. */
export function encodeWav(clip: AudioClip): Uint8Array {
  const out = new Uint8Array(44 + clip.pcm.byteLength)
  out.set(wavHeader(clip.format, clip.pcm.byteLength), 0)
  out.set(clip.pcm, 44)
  return out
}

/** RMS of 16-bit PCM, 0…32767: a cheap "is there sound" measure. */
export function pcmRms(pcm: Uint8Array): number {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength)
  const n = Math.floor(pcm.byteLength / 2)
  if (n === 0) return 0
  let sum = 0
  for (let i = 0; i < n; i++) {
    const s = view.getInt16(i * 2, true)
    sum += s * s
  }
  return Math.sqrt(sum / n)
}
