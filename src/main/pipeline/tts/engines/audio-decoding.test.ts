import { describe, expect, it } from 'vitest'
import { encodeWav, pcmRms } from '../../../../shared/wav-format'
import { garbageBytes } from '../testing/fault-plan'
import { MP3_FIXTURE, readMp3Fixture, toneClip } from '../testing/test-audio'
import { decodePcmAnswer, decodeWavAnswer, looksLikeWav } from './audio-decoding'
import { decodeMp3, downmixToInt16, looksLikeMp3 } from './mp3-decoding'
import { SpeechEngineError } from './speech-error'
import { wellFormed } from './well-formed'

const wav = encodeWav(toneClip(200, 24_000))

function setUint32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice()
  new DataView(copy.buffer).setUint32(at, value, true)
  return copy
}

describe('WAV answers', () => {
  it('decodes a complete WAV', () => {
    const clip = decodeWavAnswer('t', wav)
    expect(clip.format).toEqual({ sampleRate: 24_000, channels: 1, bitDepth: 16 })
    expect(clip.pcm.byteLength).toBe(wav.byteLength - 44)
  })

  it('calls a WAV shorter than its header promises truncated', () => {
    expect(() => decodeWavAnswer('t', wav.subarray(0, 300))).toThrow(
      /truncated audio: 256 of 9600 data bytes/
    )
  })

  it('accepts streaming headers whose sizes are placeholders', () => {
    for (const placeholder of [0, 0xffffffff, 0x7ffff000]) {
      const streamed = setUint32(wav, 40, placeholder)
      expect(decodeWavAnswer('t', streamed).pcm.byteLength).toBe(wav.byteLength - 44)
    }
  })

  it('refuses garbage, a header without samples, and non-16-bit audio, as bad-audio', () => {
    const cases = [
      garbageBytes(500),
      encodeWav({ format: { sampleRate: 8000, channels: 1, bitDepth: 16 }, pcm: new Uint8Array(0) })
    ]
    const eightBit = wav.slice()
    new DataView(eightBit.buffer).setUint16(34, 8, true)
    cases.push(eightBit)
    for (const bytes of cases) {
      const err = (() => {
        try {
          decodeWavAnswer('t', bytes)
        } catch (e) {
          return e
        }
      })()
      expect(err).toBeInstanceOf(SpeechEngineError)
      expect((err as SpeechEngineError).kind).toBe('bad-audio')
    }
    expect(looksLikeWav(wav)).toBe(true)
    expect(looksLikeWav(garbageBytes(100))).toBe(false)
  })

  it('reads headerless PCM, dropping half a sample at the end', () => {
    const clip = decodePcmAnswer('t', new Uint8Array(101), 24_000)
    expect(clip.pcm.byteLength).toBe(100)
    expect(() => decodePcmAnswer('t', new Uint8Array(1), 24_000)).toThrow(/no audio samples/)
  })
})

describe('MP3 answers (mpg123 WebAssembly)', () => {
  it('decodes the real MP3 fixture to 16-bit mono', async () => {
    const clip = await decodeMp3('edge', readMp3Fixture())
    expect(clip.format).toEqual({ sampleRate: MP3_FIXTURE.sampleRate, channels: 1, bitDepth: 16 })
    expect(clip.pcm.byteLength / 2).toBe(MP3_FIXTURE.samples)
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
  })

  it('decodes concurrent utterances independently', async () => {
    const clips = await Promise.all([1, 2, 3].map(() => decodeMp3('edge', readMp3Fixture())))
    expect(new Set(clips.map((c) => Buffer.from(c.pcm).toString('base64'))).size).toBe(1)
  })

  it('refuses bytes that are not MP3 before decoding', async () => {
    expect(looksLikeMp3(readMp3Fixture())).toBe(true)
    expect(looksLikeMp3(garbageBytes(100))).toBe(false)
    await expect(decodeMp3('edge', garbageBytes(4000))).rejects.toMatchObject({
      kind: 'bad-audio',
      message: expect.stringMatching(/not MP3/)
    })
    await expect(decodeMp3('edge', new Uint8Array(0))).rejects.toMatchObject({ kind: 'bad-audio' })
  })

  it('skips an ID3v2 tag when looking for the first frame', () => {
    const tag = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 3, 0, 0, 0])
    const tagged = new Uint8Array([...tag, ...readMp3Fixture().subarray(0, 16)])
    expect(looksLikeMp3(tagged)).toBe(true)
  })

  it('averages channels and clips to 16 bits', () => {
    const out = downmixToInt16(
      [new Float32Array([1, -1, 0.5, 2]), new Float32Array([1, -1, -0.5, 2])],
      4
    )
    const view = new DataView(out.buffer)
    expect([0, 1, 2, 3].map((i) => view.getInt16(i * 2, true))).toEqual([32767, -32768, 0, 32767])
  })
})

describe('text handed to programs', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(wellFormed('a\ud800b\udc00c😀')).toBe('a\uFFFDb\uFFFDc😀')
  })
})
