import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../testing/prng'
import { WireReader } from './wire-reader'
import { decodeShortUtf8, SHORT_UTF8_MAX_BYTES } from './short-utf8'

/** What Buffer makes of the bytes: the reference, malformed sequences included. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8')

/**
 * The bytes this decoder takes must decode as Buffer decodes them, and it must decline exactly the
 * malformed ones (those Buffer turns into U+FFFD somewhere) and the long ones: a byte sequence is
 * well-formed when encoding Buffer's result gives the bytes back.
 */
function disagreements(inputs: Iterable<Uint8Array>): string[] {
  const wrong: string[] = []
  for (const bytes of inputs) {
    const ours = decodeShortUtf8(bytes, 0, bytes.length)
    const theirs = asBuffer(bytes)
    const wellFormed = Buffer.from(theirs, 'utf8').equals(bytes)
    const taken = wellFormed && bytes.length <= SHORT_UTF8_MAX_BYTES
    if (ours === undefined ? taken : ours !== theirs || !taken)
      wrong.push(Buffer.from(bytes).toString('hex'))
    if (wrong.length > 20) break
  }
  return wrong
}

function* sequences(lead: number[], rest: number): Generator<Uint8Array> {
  const tail = Array.from({ length: 256 ** rest }, (_, i) => i)
  for (const b of lead)
    for (const t of tail) {
      const bytes = new Uint8Array(1 + rest)
      bytes[0] = b
      for (let k = 0; k < rest; k++) bytes[1 + k] = (t >> (8 * (rest - 1 - k))) & 0xff
      yield bytes
    }
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('decodeShortUtf8', () => {
  it('decodes every one- and two-byte sequence as Buffer does, and declines the malformed ones', () => {
    expect(disagreements(sequences(range(0, 255), 0))).toEqual([])
    expect(disagreements(sequences(range(0, 255), 1))).toEqual([])
  })

  it('every three-byte sequence with a three-byte lead: overlong forms and surrogates declined', () => {
    expect(disagreements(sequences(range(0xe0, 0xef), 2))).toEqual([])
  })

  it('four-byte sequences at every lead and every boundary of the second byte', () => {
    const seconds = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0xbf, 0xc0, 0xff]
    const inputs: Uint8Array[] = []
    for (const b0 of range(0xf0, 0xff))
      for (const b1 of seconds)
        for (const b2 of [0x41, 0x80, 0xbf, 0xc0])
          for (const b3 of [0x41, 0x80, 0xbf, 0xc0]) inputs.push(Uint8Array.of(b0, b1, b2, b3))
    expect(disagreements(inputs)).toEqual([])
  })

  it('random texts, whole, cut short anywhere, and with bytes flipped, agree with Buffer', () => {
    const random = seededRandom(7)
    const pieces = [
      '观众',
      '主播好',
      'é',
      'ß',
      'Я',
      '😀',
      '👍🏻',
      '\u{10FFFF}',
      '\u{FEFF}',
      'a',
      '1',
      '\0',
      ' '
    ]
    const inputs: Uint8Array[] = []
    for (let i = 0; i < 20_000; i++) {
      let text = ''
      const parts = Math.floor(random() * 12)
      for (let p = 0; p < parts; p++) text += pieces[Math.floor(random() * pieces.length)]!
      const bytes = Buffer.from(text, 'utf8')
      inputs.push(bytes)
      inputs.push(bytes.subarray(0, Math.floor(random() * (bytes.length + 1))))
      if (bytes.length > 0) {
        const flipped = Buffer.from(bytes)
        flipped[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
        inputs.push(flipped)
      }
    }
    expect(disagreements(inputs)).toEqual([])
  })

  it('decodes in place, within the bounds it is given, and leaves longer texts to Buffer', () => {
    const bytes = Buffer.from('xx观众1234yy', 'utf8')
    expect(decodeShortUtf8(bytes, 2, 12)).toBe('观众1234')
    const long = Buffer.from('主'.repeat(SHORT_UTF8_MAX_BYTES / 3 + 1), 'utf8')
    expect(long.length).toBeGreaterThan(SHORT_UTF8_MAX_BYTES)
    expect(decodeShortUtf8(long, 0, long.length)).toBeUndefined()
    expect(decodeShortUtf8(long, 0, SHORT_UTF8_MAX_BYTES - 1)).toBe('主'.repeat(21))
  })

  it("is what WireReader reads texts with: Buffer's result for malformed and long texts", () => {
    for (const text of [
      Buffer.from('观众😀', 'utf8'),
      Uint8Array.of(0x61, 0xe4, 0xb8, 0x62),
      Buffer.from('长'.repeat(40))
    ]) {
      const reader = WireReader.of(Uint8Array.of(text.length, ...text))
      expect(reader.string()).toBe(asBuffer(text))
    }
  })
})
