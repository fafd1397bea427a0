import type { AudioClip, AudioFormat } from './speech'

/** Scales 16-bit PCM by `gain`, clipping. Returns the input untouched at gain 1 (bit-exact playback). */
export function applyGain(pcm: Uint8Array, gain: number): Uint8Array {
  if (gain === 1) return pcm
  const out = new Uint8Array(pcm.byteLength)
  const src = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength)
  const dst = new DataView(out.buffer)
  for (let i = 0; i + 1 < pcm.byteLength; i += 2) {
    const v = Math.round(src.getInt16(i, true) * gain)
    dst.setInt16(i, v > 32767 ? 32767 : v < -32768 ? -32768 : v, true)
  }
  return out
}

export function sameFormat(a: AudioFormat, b: AudioFormat): boolean {
  return a.sampleRate === b.sampleRate && a.channels === b.channels && a.bitDepth === b.bitDepth
}

/**
 * Converts a clip to another rate/channel count (linear interpolation, channel average), so clips
 * from engines with different formats can share one output file.
 */
export function convertClip(clip: AudioClip, to: AudioFormat): AudioClip {
  if (sameFormat(clip.format, to)) return clip
  const from = clip.format
  const src = new DataView(clip.pcm.buffer, clip.pcm.byteOffset, clip.pcm.byteLength)
  const inFrames = Math.floor(clip.pcm.byteLength / (2 * from.channels))
  const mono = new Float64Array(inFrames)
  for (let f = 0; f < inFrames; f++) {
    let sum = 0
    for (let c = 0; c < from.channels; c++) sum += src.getInt16((f * from.channels + c) * 2, true)
    mono[f] = sum / from.channels
  }
  const outFrames = Math.floor((inFrames * to.sampleRate) / from.sampleRate)
  const out = new Uint8Array(outFrames * to.channels * 2)
  const dst = new DataView(out.buffer)
  for (let f = 0; f < outFrames; f++) {
    const pos = (f * from.sampleRate) / to.sampleRate
    const i = Math.floor(pos)
    const frac = pos - i
    const a = mono[i] ?? 0
    const b = mono[i + 1] ?? a
    const v = Math.round(a + (b - a) * frac)
    for (let c = 0; c < to.channels; c++) dst.setInt16((f * to.channels + c) * 2, v, true)
  }
  return { format: to, pcm: out }
}
