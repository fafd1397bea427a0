import { describe, expect, it } from 'vitest'
import { mutate, seededRandom } from '../testing/prng'
import { parseJsonLossless } from './lossless-json'

describe('parseJsonLossless', () => {
  it('keeps 64-bit integers exact as strings and everything else like JSON.parse', () => {
    const text =
      '{"MsgId":7123456789012345678,"Id":-9223372036854775808,"small":42,"f":1.5,"e":1e400,"s":"a\\"\\u4f60\\n","a":[true,false,null,{}],"b":[]}'
    expect(parseJsonLossless(text)).toEqual({
      MsgId: '7123456789012345678',
      Id: '-9223372036854775808',
      small: 42,
      f: 1.5,
      e: Infinity,
      s: 'a"你\n',
      a: [true, false, null, {}],
      b: []
    })
  })

  it('agrees with JSON.parse on ordinary documents', () => {
    const doc = { x: [1, -2, 3.25, 'y', { z: null, w: 'é\u2028' }], n: 9007199254740991 }
    expect(parseJsonLossless(JSON.stringify(doc, null, 2))).toEqual(doc)
  })

  it('rejects bad input with SyntaxError and never hangs', () => {
    for (const bad of [
      '',
      '{',
      '{"a":}',
      '[1,]',
      '"x',
      '01',
      'tru',
      '{"a":1}x',
      '['.repeat(1000)
    ]) {
      expect(() => parseJsonLossless(bad), bad).toThrow(SyntaxError)
    }
    const random = seededRandom(9)
    const seed = new TextEncoder().encode(
      '{"Type":1,"Data":"{\\"MsgId\\":7123456789012345678,\\"User\\":{\\"Nickname\\":\\"x\\"}}"}'
    )
    for (let i = 0; i < 2000; i++) {
      const text = new TextDecoder().decode(mutate(seed, random))
      try {
        parseJsonLossless(text)
      } catch (err) {
        expect(err).toBeInstanceOf(SyntaxError)
      }
    }
  })

  it('does not let __proto__ keys touch the prototype', () => {
    const o = parseJsonLossless('{"__proto__":{"polluted":1}}') as Record<string, unknown>
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype)
  })
})
