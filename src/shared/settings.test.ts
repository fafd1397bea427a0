import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, parseSettings } from './settings'

describe('settings schema', () => {
  it('fills every default from an empty object', () => {
    const r = parseSettings({})
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.settings).toEqual(DEFAULT_SETTINGS)
    expect(r.settings.events.gift.template).toBe('[感谢:3|谢谢]{user}送的{count}个{gift}')
    expect(r.settings.events.gift.priority).toBeGreaterThan(r.settings.events.follow.priority)
    expect(r.settings.events.follow.priority).toBeGreaterThan(r.settings.events.chat.priority)
    expect(r.settings.events.chat.priority).toBeGreaterThan(r.settings.events.member.priority)
  })

  it('keeps what a partial file sets and defaults the rest', () => {
    const r = parseSettings({ pools: { tts: { max: 4 } }, events: { chat: { freshnessSec: 5 } } })
    expect(r.ok && r.settings.pools.tts).toEqual({ min: 1, max: 4 })
    expect(r.ok && r.settings.events.chat.freshnessSec).toBe(5)
    expect(r.ok && r.settings.events.chat.template).toBe('{user}说：{content}')
  })

  it('names every bad field', () => {
    const r = parseSettings({
      pools: { tts: { max: 20, foo: 1 } },
      events: { chat: { template: '{nope}' } },
      audio: { volume: 'loud' }
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pools\.tts\.max: /),
        'pools.tts.foo: unknown setting',
        expect.stringMatching(/^events\.chat\.template: unknown placeholder/),
        expect.stringMatching(/^audio\.volume: /)
      ])
    )
  })

  it('rejects min above max and an unknown engine', () => {
    const r = parseSettings({ pools: { processing: { min: 3, max: 2 } }, tts: { engine: 'cloud' } })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(
      r.errors.some((e) => e.startsWith('pools.processing.min: min must not exceed max'))
    ).toBe(true)
    expect(r.errors.some((e) => e.startsWith('tts.engine: '))).toBe(true)
  })

  it('rejects a non-object', () => {
    const r = parseSettings([1])
    expect(r.ok).toBe(false)
  })
})
