import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import {
  diffPatch,
  errorsByField,
  errorsFor,
  getAt,
  linesToList,
  rebase,
  setAt,
  validateDraft
} from './draft'

describe('settings draft', () => {
  it('sets a nested value without touching the original', () => {
    const next = setAt(DEFAULT_SETTINGS, ['pools', 'tts', 'max'], 4)
    expect(getAt(next, ['pools', 'tts', 'max'])).toBe(4)
    expect(DEFAULT_SETTINGS.pools.tts.max).not.toBe(4)
    expect(next.pools.processing).toBe(DEFAULT_SETTINGS.pools.processing)
  })

  it('edits a list item in place: a list stays a list', () => {
    const next = setAt(DEFAULT_SETTINGS, ['giftTiers', 1, 'minDiamonds'], 5000)
    expect(Array.isArray(next.giftTiers)).toBe(true)
    expect(next.giftTiers[1]).toEqual({ ...DEFAULT_SETTINGS.giftTiers[1], minDiamonds: 5000 })
    expect(next.giftTiers[0]).toBe(DEFAULT_SETTINGS.giftTiers[0])
    expect(validateDraft(next).ok).toBe(true)
  })

  it('sends only what changed; lists go whole', () => {
    let draft = setAt(DEFAULT_SETTINGS, ['pools', 'tts', 'max'], 4)
    draft = setAt(draft, ['filter', 'blockedWords'], ['加微信'])
    expect(diffPatch(DEFAULT_SETTINGS, draft)).toEqual({
      pools: { tts: { max: 4 } },
      filter: { blockedWords: ['加微信'] }
    })
    expect(diffPatch(DEFAULT_SETTINGS, structuredClone(DEFAULT_SETTINGS))).toBeUndefined()
  })

  it('a removed entry or a cleared optional value is sent as null (JSON drops undefined)', () => {
    const base = setAt(DEFAULT_SETTINGS, ['users'], {
      '123': { readAs: '小明' },
      '456': { readAs: '小红', voice: 'f1' }
    })
    const draft = setAt(base, ['users'], { '456': { readAs: '小红', voice: undefined } })
    const patch = diffPatch(base, draft)
    expect(patch).toEqual({ users: { '123': null, '456': { voice: null } } })
    expect(JSON.parse(JSON.stringify(patch))).toEqual(patch)
  })

  it('keeps the user’s edits when the settings change underneath', () => {
    const draft = setAt(DEFAULT_SETTINGS, ['pools', 'tts', 'max'], 4)
    const elsewhere = setAt(DEFAULT_SETTINGS, ['tts', 'rate'], 300)
    const rebased = rebase(DEFAULT_SETTINGS, draft, elsewhere)
    expect(rebased.pools.tts.max).toBe(4)
    expect(rebased.tts.rate).toBe(300)
  })

  it('validates with the shared schema and keys errors by field', () => {
    const bad = setAt(
      setAt(DEFAULT_SETTINGS, ['pools', 'tts', 'min'], 5),
      ['pools', 'tts', 'max'],
      3
    )
    const result = validateDraft(bad)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['pools.tts.min'])
    const nan = validateDraft(setAt(DEFAULT_SETTINGS, ['tts', 'cacheMB'], Number.NaN))
    expect(nan.ok).toBe(false)
  })

  it('groups coded issues per field, list items under their list', () => {
    const result = validateDraft(
      setAt(
        setAt(
          setAt(DEFAULT_SETTINGS, ['pools', 'tts', 'max'], 99),
          ['filter', 'blockedWords'],
          ['']
        ),
        ['events', 'chat', 'template'],
        '{名字}说'
      )
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    const errors = result.errors
    expect(errors['pools.tts.max']).toEqual([{ code: 'too-big', params: { max: 8 } }])
    expect(errorsFor(errors, ['filter', 'blockedWords'])).toEqual([{ code: 'empty' }])
    expect(errors['events.chat.template']).toEqual([
      {
        code: 'template-placeholder',
        params: { name: '名字', list: expect.stringContaining('{user}') }
      }
    ])
    expect(
      errorsByField([{ path: 'x', code: 'unknown-setting', message: 'unknown setting' }])
    ).toEqual({ x: [{ code: 'unknown-setting' }] })
  })

  it('refuses an empty template (that type would go silent)', () => {
    const result = validateDraft(setAt(DEFAULT_SETTINGS, ['events', 'gift', 'templateNoName'], ' '))
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.errors['events.gift.templateNoName']).toEqual([{ code: 'template-empty' }])
  })

  it('turns lines into a word list', () => {
    expect(linesToList(' 加微信 \n\n广告\r\n')).toEqual(['加微信', '广告'])
  })
})
