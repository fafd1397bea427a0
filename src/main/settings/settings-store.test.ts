import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { tempDir } from '../testing/paths'
import { deepMerge } from './deep-merge'
import { SettingsStore } from './settings-store'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
function dir(): string {
  const t = tempDir()
  cleanups.push(t.cleanup)
  return t.dir
}

describe('SettingsStore', () => {
  it('persists a valid update and reads it back after a restart', () => {
    const file = join(dir(), 'nested', 'settings.json')
    const store = new SettingsStore(file)
    const changes: number[] = []
    store.onDidChange((s) => changes.push(s.pools.tts.max))
    expect(store.update({ pools: { tts: { max: 5 } } })).toMatchObject({ ok: true })
    expect(changes).toEqual([5])
    const again = new SettingsStore(file)
    expect(again.settings.pools.tts).toEqual({ min: 1, max: 5 })
    expect(again.loadNotice).toBeUndefined()
  })

  it('refuses an invalid update, naming the field, and changes nothing', () => {
    const file = join(dir(), 'settings.json')
    const store = new SettingsStore(file)
    const result = store.update({ pools: { tts: { max: 0 } } })
    expect(result).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.stringMatching(/^pools\.tts\.max: Too small/)])
    })
    expect(store.settings).toEqual(DEFAULT_SETTINGS)
    expect(existsSync(file)).toBe(false)
  })

  it.each([
    ['not JSON', '{"pools": {'],
    ['invalid values', JSON.stringify({ pools: { tts: { max: 'lots' } } })],
    ['unknown keys', JSON.stringify({ colour: 'red' })]
  ])(
    'a corrupt file (%s) is backed up, defaults are used, and the user is told',
    (_what, content) => {
      const d = dir()
      const file = join(d, 'settings.json')
      writeFileSync(file, content)
      const store = new SettingsStore(
        file,
        DEFAULT_SETTINGS,
        () => new Date('2026-11-23T10:00:00Z')
      )
      expect(store.settings).toEqual(DEFAULT_SETTINGS)
      expect(store.loadNotice?.code).toBe('settings-recovered')
      expect(store.loadNotice?.message).toMatch(/已损坏.*defaults are in use/)
      const backups = readdirSync(d).filter((f) => f.startsWith('settings.json.corrupt-'))
      expect(backups).toEqual(['settings.json.corrupt-2026-11-23T10-00-00-000Z'])
      expect(readFileSync(join(d, backups[0]!), 'utf8')).toBe(content)
      // The next save writes a fresh, valid file; the backup stays.
      store.update({ audio: { volume: 0.5 } })
      expect(JSON.parse(readFileSync(file, 'utf8')).audio.volume).toBe(0.5)
      expect(existsSync(join(d, backups[0]!))).toBe(true)
    }
  )

  it('deep-merges patches without touching the prototype', () => {
    const merged = deepMerge(
      { a: { b: 1, c: 2 }, list: [1, 2] },
      JSON.parse('{"a": {"b": 3}, "list": [9], "__proto__": {"polluted": true}}')
    ) as Record<string, unknown>
    expect(merged).toEqual({ a: { b: 3, c: 2 }, list: [9] })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
