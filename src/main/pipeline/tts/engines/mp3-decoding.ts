import type { AudioClip } from '../../../../shared/speech'
import { SpeechEngineError } from './speech-error'

/** Where the first MPEG frame should start: after an ID3v2 tag, if there is one. */
function firstFrameOffset(bytes: Uint8Array): number {
  if (bytes.byteLength >= 10 && bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    // ID3v2 size: four 7-bit "syncsafe" bytes, plus the 10-byte header (and a 10-byte footer if flagged).
    const size =
      ((bytes[6]! & 0x7f) << 21) |
      ((bytes[7]! & 0x7f) << 14) |
      ((bytes[8]! & 0x7f) << 7) |
      (bytes[9]! & 0x7f)
    const footer = (bytes[5]! & 0x10) !== 0 ? 10 : 0
    return 10 + size + footer
  }
  return 0
}

/** True when the bytes start with an MPEG audio frame sync (11 set bits), after any ID3v2 tag. */
export function looksLikeMp3(bytes: Uint8Array): boolean {
  const at = firstFrameOffset(bytes)
  return bytes.byteLength >= at + 4 && bytes[at] === 0xff && (bytes[at + 1]! & 0xe0) === 0xe0
}

/**
 * Decodes a whole MP3 answer to 16-bit mono PCM with the mpg123 WebAssembly build. Each call gets its
 * own decoder (~5 ms to set up here), so concurrent utterances never share decoder state. Bytes that
 * are not MP3 are refused before decoding: the decoder would print an error per bad frame.
 */
export async function decodeMp3(engine: string, bytes: Uint8Array): Promise<AudioClip> {
  if (!looksLikeMp3(bytes)) {
    throw new SpeechEngineError(
      engine,
      'bad-audio',
      `answer is not MP3 audio (${bytes.byteLength} bytes)`
    )
  }
  // Loaded on first use: the WebAssembly module costs nothing for users of other engines.
  const { MPEGDecoder } = await import('mpg123-decoder')
  const decoder = new MPEGDecoder()
  try {
    await decoder.ready
    const decoded = decoder.decode(bytes)
    if (decoded.errors.length > 0 || decoded.samplesDecoded === 0) {
      const first = decoded.errors[0]?.message ?? 'no samples decoded'
      throw new SpeechEngineError(engine, 'bad-audio', `MP3 audio is damaged: ${first}`)
    }
    return {
      format: { sampleRate: decoded.sampleRate, channels: 1, bitDepth: 16 },
      pcm: downmixToInt16(decoded.channelData, decoded.samplesDecoded)
    }
  } finally {
    decoder.free()
  }
}

/** Averages the decoder's channels (it always returns two, duplicated for mono) into s16le mono. */
export function downmixToInt16(channels: readonly Float32Array[], samples: number): Uint8Array {
  const out = new Uint8Array(samples * 2)
  const view = new DataView(out.buffer)
  const n = channels.length
  for (let i = 0; i < samples; i++) {
    let sum = 0
    for (const channel of channels) sum += channel[i] ?? 0
    const v = n === 0 ? 0 : sum / n
    const clamped = v >= 1 ? 32767 : v <= -1 ? -32768 : Math.round(v * 32767)
    view.setInt16(i * 2, clamped, true)
  }
  return out
}
