import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { en } from '../i18n/en'
import { isMessageKey } from '../i18n/i18n'
import { zh } from '../i18n/zh'
import { GROUPS, NOT_EDITABLE } from './field-registry'
import type { FieldSpec } from './field-specs'
import { ENGINE_OPTIONS } from './voice-fields'

/** Every setting's path; lists, tuples and keyed maps (users, extra) are one field each. */
function leaves(value: unknown, path: string[] = []): string[] {
  const keyed = ['users', 'extra'].includes(path.at(-1) ?? '')
  if (value && typeof value === 'object' && !Array.isArray(value) && !keyed)
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
  return [path.join('.')]
}

const fields: FieldSpec[] = GROUPS.flatMap((g) => g.sections.flatMap((s) => s.fields ?? []))
const covered = [
  ...fields.map((f) => f.path.join('.')),
  ...GROUPS.flatMap((g) => g.sections.flatMap((s) => s.covers ?? []))
]
const matches = (pattern: string, path: string) =>
  new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`).test(path)

describe('settings form registry', () => {
  it('lets the streamer edit every field of the settings schema', () => {
    const missing = leaves(DEFAULT_SETTINGS).filter(
      (path) => !NOT_EDITABLE.includes(path) && !covered.some((c) => matches(c, path))
    )
    expect(missing).toEqual([])
  })

  it('has the eight groups in the order streamers think in', () => {
    expect(GROUPS.map((g) => g.id)).toEqual([
      'content',
      'voice',
      'filter',
      'output',
      'hotkeys',
      'room',
      'ai',
      'advanced'
    ])
  })

  it('labels every field, section and choice in both languages', () => {
    const keys = new Set<string>()
    for (const g of GROUPS) {
      keys.add(g.title)
      for (const s of g.sections) {
        keys.add(s.title)
        if (s.hint) keys.add(s.hint)
      }
    }
    for (const f of [...fields, ...Object.values(ENGINE_OPTIONS).flat()]) {
      keys.add(f.label)
      if (f.hint) keys.add(f.hint)
      if (f.kind === 'select')
        for (const o of f.options) if (isMessageKey(o.label)) keys.add(o.label)
    }
    for (const key of keys) {
      expect(Object.hasOwn(zh, key), key).toBe(true)
      expect(Object.hasOwn(en, key), key).toBe(true)
    }
  })
})
