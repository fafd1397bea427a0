import { describe, expect, it } from 'vitest'
import { chooseVariants, parseTemplate, seededRandom } from './template-syntax'

describe('template syntax', () => {
  it('parses placeholders and weighted variants', () => {
    expect(parseTemplate('[感谢:3|谢谢]{user}')).toEqual([
      {
        kind: 'choice',
        variants: [
          { text: '感谢', weight: 3 },
          { text: '谢谢', weight: 1 }
        ]
      },
      { kind: 'text', text: '{user}' }
    ])
    expect(chooseVariants(parseTemplate('[a|b]-[c]'), () => 0.99)).toBe('b-c')
  })

  it('rejects bad syntax with words', () => {
    expect(() => parseTemplate('[感谢|谢谢')).toThrow(/never closed/)
    expect(() => parseTemplate('感谢]')).toThrow(/without "\["/)
    expect(() => parseTemplate('[a[b]]')).toThrow(/nested/)
    expect(() => parseTemplate('{nick}')).toThrow(/unknown placeholder \{nick\}/)
    expect(() => parseTemplate('[a:0|b]')).toThrow(/weight/)
  })

  it('seeded randomness is reproducible per seed', () => {
    const a = seededRandom('7438210000000000631')
    const b = seededRandom('7438210000000000631')
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
    expect(seededRandom('x')()).not.toBe(seededRandom('y')())
  })
})
