import type { AudioClip } from '../../../../shared/speech'
import { parseWav } from '../../../../shared/wav-format'
import { SpeechEngineError } from './speech-error'

/** Data sizes that mean "unknown, read to the end": streaming writers put these in the header. */
function isPlaceholderSize(size: number): boolean {
  return size === 0 || size >= 0x7f000000
}

/** The declared size of the WAV `data` chunk and where its body starts, if the header has one. */
function dataChunk(bytes: Uint8Array): { declared: number; body: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 12
  while (offset + 8 <= bytes.byteLength) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4))
    const size = view.getUint32(offset + 4, true)
    if (id === 'data') return { declared: size, body: offset + 8 }
    offset += 8 + size + (size % 2)
  }
  return undefined
}

/**
 * A WAV answer as a clip, stricter than `parseWav`: a header that promises more samples than arrived
 * is truncated audio (a dropped connection), and a clip without samples is no speech at all.
 */
export function decodeWavAnswer(engine: string, bytes: Uint8Array): AudioClip {
  let clip: AudioClip
  try {
    clip = parseWav(bytes)
  } catch (err) {
    throw new SpeechEngineError(
      engine,
      'bad-audio',
      `answer is not usable audio: ${(err as Error).message}`
    )
  }
  const chunk = dataChunk(bytes)
  if (
    chunk &&
    !isPlaceholderSize(chunk.declared) &&
    bytes.byteLength - chunk.body < chunk.declared
  ) {
    const got = bytes.byteLength - chunk.body
    throw new SpeechEngineError(
      engine,
      'bad-audio',
      `truncated audio: ${got} of ${chunk.declared} data bytes`
    )
  }
  if (chunk && chunk.declared === 0) {
    // parseWav takes a 0 size literally; streaming writers (e.g. GPT-SoVITS streaming mode) mean "to the end".
    const frame = clip.format.channels * 2
    const usable = bytes.byteLength - chunk.body - ((bytes.byteLength - chunk.body) % frame)
    clip = { format: clip.format, pcm: bytes.subarray(chunk.body, chunk.body + usable) }
  }
  if (clip.pcm.byteLength === 0)
    throw new SpeechEngineError(engine, 'bad-audio', 'answer holds no audio samples')
  return clip
}

/** Headerless 16-bit little-endian mono PCM as a clip. A trailing odd byte (half a sample) is dropped. */
export function decodePcmAnswer(engine: string, bytes: Uint8Array, sampleRate: number): AudioClip {
  const usable = bytes.byteLength - (bytes.byteLength % 2)
  if (usable === 0)
    throw new SpeechEngineError(engine, 'bad-audio', 'answer holds no audio samples')
  return { format: { sampleRate, channels: 1, bitDepth: 16 }, pcm: bytes.subarray(0, usable) }
}

/** True when the bytes start like a RIFF/WAVE file. */
export function looksLikeWav(bytes: Uint8Array): boolean {
  return (
    bytes.byteLength >= 12 &&
    String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...bytes.subarray(8, 12)) === 'WAVE'
  )
}

/** Joins received chunks into one byte array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const c of chunks) length += c.byteLength
  const out = new Uint8Array(length)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}
