import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { applyGain, LIMIT_PEAK } from '../../shared/pcm'
import { parseWav, pcmRms } from '../../shared/wav-format'

/** Samples at or beyond the 16-bit rails: what hard clipping leaves behind. */
function clipped(pcm: Uint8Array): number {
  const v = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2)
  let n = 0
  for (const s of v) if (s >= 32767 || s <= -32768) n++
  return n
}

/** The old player path: scale and clamp to the rails. */
function hardGain(pcm: Uint8Array, gain: number): Uint8Array {
  const out = new Int16Array(pcm.byteLength / 2)
  const src = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2)
  for (let i = 0; i < src.length; i++)
    out[i] = Math.max(-32768, Math.min(32767, Math.round(src[i]! * gain)))
  return new Uint8Array(out.buffer)
}

describe('volume above 100% (the player path)', () => {
  // Real speech from the espeak-ng program at its default loudness.
  const wav = execFileSync('espeak-ng', [
    '-v',
    'cmn-latn-pinyin',
    '--stdout',
    'gan3 xie4 da4 jia1 de zhi1 chi2, huan1 ying2 lai2 dao4 zhi2 bo1 jian1'
  ])
  const { pcm } = parseWav(new Uint8Array(wav))

  it('never clips at 200%, where plain scaling does; and it is still louder', () => {
    const before = clipped(hardGain(pcm, 2))
    const limited = applyGain(pcm, 2)
    expect(before, 'the test clip must be loud enough to clip when scaled').toBeGreaterThan(10)
    expect(clipped(limited)).toBe(0)
    const peak = Math.max(...new Int16Array(limited.buffer).map(Math.abs))
    expect(peak).toBeLessThanOrEqual(LIMIT_PEAK)
    expect(pcmRms(limited)).toBeGreaterThan(pcmRms(pcm) * 1.5)
    console.log(
      `clipped samples at 200%: ${before} scaled, 0 limited (of ${pcm.byteLength / 2}); RMS ${pcmRms(pcm).toFixed(0)} → ${pcmRms(limited).toFixed(0)}`
    )
  })

  it('leaves quiet audio as plainly scaled (no limiting where nothing would clip)', () => {
    const quiet = applyGain(pcm, 0.1)
    const louder = applyGain(quiet, 2)
    expect([...new Int16Array(louder.buffer)]).toEqual([
      ...new Int16Array(hardGain(quiet, 2).buffer)
    ])
  })
})
