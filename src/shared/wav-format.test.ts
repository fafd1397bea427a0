import { describe, expect, it } from 'vitest'
import { applyGain, convertClip, LIMIT_PEAK } from './pcm'
import { encodeWav, parseWav, pcmRms } from './wav-format'

const clip = {
  format: { sampleRate: 22050, channels: 1, bitDepth: 16 as const },
  pcm: new Uint8Array(new Int16Array([0, 1000, -1000, 32767, -32768, 5]).buffer)
}

describe('wav format', () => {
  it('round-trips a clip', () => {
    const back = parseWav(encodeWav(clip))
    expect(back.format).toEqual(clip.format)
    expect([...back.pcm]).toEqual([...clip.pcm])
  })

  it('reads the streaming header espeak-ng writes to stdout (placeholder sizes)', () => {
    const wav = encodeWav(clip)
    new DataView(wav.buffer).setUint32(40, 0x7ffff000, true)
    new DataView(wav.buffer).setUint32(4, 0x7ffff000, true)
    expect(parseWav(wav).pcm.byteLength).toBe(clip.pcm.byteLength)
  })

  it('rejects what is not 16-bit PCM WAV, with words', () => {
    expect(() => parseWav(new TextEncoder().encode('ID3 mp3 data here'))).toThrow(/not a WAV/)
    const wav = encodeWav(clip)
    new DataView(wav.buffer).setUint16(34, 8, true)
    expect(() => parseWav(wav)).toThrow(/16-bit/)
  })

  it('gain 1 is bit-exact; lower gains scale; higher gains are limited, never clipped', () => {
    expect(applyGain(clip.pcm, 1)).toBe(clip.pcm)
    const half = new Int16Array(applyGain(clip.pcm, 0.5).buffer)
    expect([...half]).toEqual([0, 500, -500, 16384, -16384, 3])
    const loud = new Int16Array(applyGain(clip.pcm, 2).buffer)
    expect(Math.max(...loud.map(Math.abs))).toBeLessThanOrEqual(LIMIT_PEAK)
    expect(loud[3]).toBe(LIMIT_PEAK)
  })

  it('converts rate and channels', () => {
    const stereo24k = convertClip(clip, { sampleRate: 44100, channels: 2, bitDepth: 16 })
    expect(stereo24k.pcm.byteLength).toBe(6 * 2 * 2 * 2)
    expect(pcmRms(stereo24k.pcm)).toBeGreaterThan(0)
  })
})
