import type { AudioClip, AudioFormat } from './speech'

/** Peak level the limiter holds loud gains to (about -0.2 dBFS): never the clipping rails. */
export const LIMIT_PEAK = 32_000
/** How fast a gain reduction sets in before a peak, and eases off after it (per sample, 0–1). */
const ATTACK = 0.01
const RELEASE = 0.0005

/**
 * Scales 16-bit PCM by `gain` without clipping. Returns the input untouched at gain 1 (bit-exact
 * playback). Above 1 a look-ahead peak limiter keeps every sample within ±{@link LIMIT_PEAK}: the
 * gain eases down ahead of a loud peak and back up after it, so quiet speech gets louder and loud
 * syllables are not flattened into the rails (which is what hard clipping sounds like).
 * `channels` frames are limited together, so the stereo image does not shift.
 */
export function applyGain(pcm: Uint8Array, gain: number, channels = 1): Uint8Array {
  if (gain === 1) return pcm
  const src = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength)
  const frames = Math.floor(pcm.byteLength / 2 / channels)
  const out = new Uint8Array(pcm.byteLength)
  const dst = new DataView(out.buffer)
  const perFrame = limiterGains(src, frames, channels, gain)
  for (let f = 0; f < frames; f++) {
    const g = perFrame ? perFrame[f]! : gain
    for (let c = 0; c < channels; c++) {
      const at = (f * channels + c) * 2
      const v = Math.round(src.getInt16(at, true) * g)
      dst.setInt16(at, v > 32767 ? 32767 : v < -32768 ? -32768 : v, true)
    }
  }
  return out
}

/**
 * The gain per frame, or undefined when `gain` cannot push any frame past the limit. A frame may
 * get at most the gain that puts it exactly at the limit; a backward pass spreads each reduction
 * over the samples before it (attack, look-ahead) and a forward pass over those after (release).
 * Both passes only lower the gain, so no frame ever exceeds its own ceiling.
 */
function limiterGains(
  src: DataView,
  frames: number,
  channels: number,
  gain: number
): Float64Array | undefined {
  const ceiling = new Float64Array(frames)
  let limited = false
  for (let f = 0; f < frames; f++) {
    let peak = 0
    for (let c = 0; c < channels; c++)
      peak = Math.max(peak, Math.abs(src.getInt16((f * channels + c) * 2, true)))
    const most = peak > 0 ? LIMIT_PEAK / peak : Infinity
    ceiling[f] = Math.min(gain, most)
    if (most < gain) limited = true
  }
  if (!limited) return undefined
  const g = new Float64Array(frames)
  let next = gain
  for (let f = frames - 1; f >= 0; f--) {
    next = Math.min(ceiling[f]!, next + (gain - next) * ATTACK)
    g[f] = next
  }
  let prev = gain
  for (let f = 0; f < frames; f++) {
    prev = Math.min(g[f]!, prev + (gain - prev) * RELEASE)
    g[f] = prev
  }
  return g
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
