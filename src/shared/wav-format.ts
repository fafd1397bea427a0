import type { AudioClip } from './speech'

/**
 * Reads a PCM WAV (RIFF) into an AudioClip. Handles the streaming header espeak-ng writes to stdout,
 * whose sizes are placeholders (0x7ffff000): the data then runs to the end of the buffer.
 */
export function parseWav(bytes: Uint8Array): AudioClip {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new Error(`not a WAV file (${bytes.byteLength} bytes, starts ${JSON.stringify(tag(0))})`)
  }
  let offset = 12
  let format: AudioClip['format'] | undefined
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset)
    const size = view.getUint32(offset + 4, true)
    const body = offset + 8
    if (id === 'fmt ') {
      const audioFormat = view.getUint16(body, true)
      const channels = view.getUint16(body + 2, true)
      const sampleRate = view.getUint32(body + 4, true)
      const bitDepth = view.getUint16(body + 14, true)
      if ((audioFormat !== 1 && audioFormat !== 0xfffe) || bitDepth !== 16) {
        throw new Error(
          `unsupported WAV encoding (format ${audioFormat}, ${bitDepth} bit); need 16-bit PCM`
        )
      }
      format = { sampleRate, channels, bitDepth: 16 }
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk before fmt chunk')
      const end = Math.min(bytes.byteLength, body + size)
      const frame = format.channels * 2
      const usable = end - body - ((end - body) % frame)
      return { format, pcm: bytes.subarray(body, body + usable) }
    }
    offset = body + size + (size % 2)
  }
  throw new Error('WAV has no data chunk')
}

/** A canonical 44-byte header + data, for tools that want a file. */
export function encodeWav(clip: AudioClip): Uint8Array {
  const { sampleRate, channels } = clip.format
  const out = new Uint8Array(44 + clip.pcm.byteLength)
  const view = new DataView(out.buffer)
  const write = (at: number, s: string) =>
    [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)))
  write(0, 'RIFF')
  view.setUint32(4, 36 + clip.pcm.byteLength, true)
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
  view.setUint32(40, clip.pcm.byteLength, true)
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
