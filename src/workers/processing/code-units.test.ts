import { describe, expect, it } from 'vitest'
import { randomJoin, seededRandom } from '../../main/sources/testing/prng'
import { isPlainUnit, isSpeakableUnit, isWhitespaceUnit } from './code-units'

/** Every UTF-16 code unit, as a one-unit string. */
const units = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c))
const SYMBOL_OR_INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- single code points, as normalize.ts
  /[\p{Cc}\p{Cf}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]/u

describe('code-unit classes, against their definitions, for every code unit', () => {
  it('plain units: NFKC keeps them, alone and after others; no mark, whitespace, control, format or pictograph', () => {
    // After a Latin letter, a kana and a Hangul syllable: what a combining mark, a voicing mark
    // or a trailing jamo would compose with.
    const keeps = (text: string) => text.normalize('NFKC') === text
    const wrong = units.filter(
      (u, c) =>
        isPlainUnit(c) &&
        (!keeps(u) ||
          !keeps(`a${u}`) ||
          !keeps(`か${u}`) ||
          !keeps(`가${u}`) ||
          /\p{M}/u.test(u) ||
          /\s/.test(u) ||
          SYMBOL_OR_INVISIBLE.test(u))
    )
    expect(wrong.map((u) => u.charCodeAt(0).toString(16))).toEqual([])
    // What most comments are made of is plain; full-width forms are not (NFKC makes them ASCII).
    expect([...'主播好abc123!、。ひらカナ한'].every((u) => isPlainUnit(u.charCodeAt(0)))).toBe(true)
    expect([...' ，！ａ'].some((u) => isPlainUnit(u.charCodeAt(0)))).toBe(false)
  })

  it('sequences of plain units are their own NFKC form (no unit combines with a neighbour)', () => {
    const plain = units.filter((_, c) => isPlainUnit(c))
    const random = seededRandom(3)
    for (let n = 0; n < 20_000; n++) {
      const text = randomJoin(random, plain, 2, 7)
      expect(text.normalize('NFKC'), text).toBe(text)
    }
  })

  it('speakable units are letters or numbers', () => {
    const wrong = units.filter((u, c) => isSpeakableUnit(c) && !/[\p{L}\p{N}]/u.test(u))
    expect(wrong).toEqual([])
    expect(units.filter((_, c) => isSpeakableUnit(c)).length).toBe(62 + 0x9fff - 0x4e00 + 1)
  })

  it('whitespace units are exactly what \\s matches', () => {
    const differ = units.filter((u, c) => isWhitespaceUnit(c) !== /\s/.test(u))
    expect(differ).toEqual([])
  })
})
