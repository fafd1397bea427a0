import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { tempDir } from '../testing/paths'
import { deepMerge } from './deep-merge'
import { canMount, mountTmpfs, readOnlyDir } from '../testing/fault-fs'
import { MAX_SETTINGS_BYTES } from './settings-limits'
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
    ['not an object', '[1, 2, 3]'],
    ['empty', '']
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
      expect(store.update({ audio: { volume: 0.5 } }).ok).toBe(true)
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

  it('null in a patch removes the key: a deleted viewer entry is gone after a restart', () => {
    const file = join(dir(), 'settings.json')
    const store = new SettingsStore(file)
    const users = { '123': { readAs: '小明' }, '456': { readAs: '小红', voice: 'f1' } }
    expect(store.update({ users })).toMatchObject({ ok: true })
    expect(store.update({ users: { '123': null, '456': { voice: null } } })).toMatchObject({
      ok: true
    })
    expect(new SettingsStore(file).settings.users).toEqual({ '456': { readAs: '小红' } })
  })
})

describe('a bad field loses only that field', () => {
  const good = {
    filter: { blockedWords: ['加微信', '刷单'], blockedUsers: ['7123456789012345678'] },
    users: { '7000000000000000001': { readAs: '小橘子' } },
    tts: { rate: 200 },
    audio: { volume: 0.7 }
  }

  it('keeps every valid value, resets the bad ones, names them, and backs up the file', () => {
    const d = dir()
    const file = join(d, 'settings.json')
    const original = JSON.stringify({
      ...good,
      pools: { tts: { max: 'lots' } },
      colour: 'red',
      audio: { volume: 0.7, device: "file:FILE='|id',FORMAT=raw" },
      filter: { ...good.filter, blockedWords: ['加微信', '', '刷单', 'x'.repeat(51)] }
    })
    writeFileSync(file, original)
    const store = new SettingsStore(file, DEFAULT_SETTINGS, () => new Date('2026-12-02T08:00:00Z'))
    expect(store.settings.filter.blockedWords).toEqual(['加微信', '刷单'])
    expect(store.settings.filter.blockedUsers).toEqual(good.filter.blockedUsers)
    expect(store.settings.users).toEqual(good.users)
    expect(store.settings.tts.rate).toBe(200)
    expect(store.settings.audio).toMatchObject({ volume: 0.7, device: '' })
    expect(store.settings.pools.tts).toEqual(DEFAULT_SETTINGS.pools.tts)
    expect(store.loadNotices).toHaveLength(1)
    const notice = store.loadNotices[0]!
    expect(notice.code).toBe('settings-fields-reset')
    expect(new Set(notice.fields)).toEqual(
      new Set([
        'pools.tts.max',
        'colour',
        'audio.device',
        'filter.blockedWords.1',
        'filter.blockedWords.3'
      ])
    )
    expect(notice.message).toMatch(/pools\.tts\.max/)
    // The original is kept byte for byte; the live file is the repaired one.
    expect(readFileSync(notice.backup!, 'utf8')).toBe(original)
    expect(notice.backup).toBe(join(d, 'settings.json.corrupt-2026-12-02T08-00-00-000Z'))
    const again = new SettingsStore(file)
    expect(again.loadNotices).toEqual([])
    expect(again.settings).toEqual(store.settings)
  })

  it('a file from before program paths were removed loads with just those two keys dropped', () => {
    const d = dir()
    const file = join(d, 'settings.json')
    writeFileSync(
      file,
      JSON.stringify({
        ...good,
        tts: {
          rate: 200,
          engines: {
            sapi: { powershell: 'powershell.exe', voice: 'Microsoft Huihui Desktop' },
            say: { command: 'say', voice: 'Meijia' }
          }
        }
      })
    )
    const store = new SettingsStore(file)
    expect(store.loadNotices).toEqual([])
    expect(store.settings.tts.engines.sapi.voice).toBe('Microsoft Huihui Desktop')
    expect(store.settings.tts.engines.say.voice).toBe('Meijia')
    expect(store.settings.tts.rate).toBe(200)
    expect(store.settings.users).toEqual(good.users)
    expect(readdirSync(d)).toEqual(['settings.json'])
  })

  it('refuses a settings file larger than any valid one without reading it all', () => {
    const d = dir()
    const file = join(d, 'settings.json')
    writeFileSync(file, Buffer.alloc(MAX_SETTINGS_BYTES + 10, 0x20))
    const store = new SettingsStore(file)
    expect(store.settings).toEqual(DEFAULT_SETTINGS)
    expect(store.loadNotice).toMatchObject({
      code: 'settings-recovered',
      message: expect.stringMatching(/larger than 16 MiB/)
    })
  })
})

describe.runIf(canMount || process.getuid?.() !== 0)(
  'settings on a disk that refuses writes',
  () => {
    it('a read-only folder with a corrupt file: defaults, no crash, and the user is told why', () => {
      const ro = readOnlyDir((d) => writeFileSync(join(d, 'settings.json'), '{"pools": {'))
      cleanups.push(ro.cleanup)
      const file = join(ro.dir, 'settings.json')
      const store = new SettingsStore(file)
      expect(store.settings).toEqual(DEFAULT_SETTINGS)
      expect(store.loadNotices.map((n) => n.code)).toEqual([
        'settings-recovered',
        'settings-read-only'
      ])
      expect(store.loadNotices[0]!.message).toMatch(/could not be backed up \((EROFS|EACCES)\)/)
      // The broken file is left as it was: nothing can be written there.
      expect(readFileSync(file, 'utf8')).toBe('{"pools": {')
    })

    it('a write the disk refuses changes nothing: the old value stays live and the answer says why', () => {
      const ro = readOnlyDir((d) =>
        writeFileSync(join(d, 'settings.json'), JSON.stringify({ audio: { volume: 0.6 } }))
      )
      cleanups.push(ro.cleanup)
      const file = join(ro.dir, 'settings.json')
      const store = new SettingsStore(file)
      const changes: unknown[] = []
      store.onDidChange((s) => changes.push(s))
      const result = store.update({ audio: { volume: 1.5 } })
      expect(result).toMatchObject({
        ok: false,
        code: 'settings-not-saved',
        errors: [expect.stringMatching(/cannot write .*settings\.json \((EROFS|EACCES)\)/)]
      })
      expect(store.settings.audio.volume).toBe(0.6)
      expect(store.reset()).toMatchObject({ ok: false, code: 'settings-not-saved' })
      expect(store.settings.audio.volume).toBe(0.6)
      expect(changes).toEqual([])
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ audio: { volume: 0.6 } })
    })
  }
)

describe.runIf(canMount)('settings on a full disk (a real tmpfs: needs root)', () => {
  it('ENOSPC: the write is refused whole, the old file and the old values stay', () => {
    const disk = mountTmpfs(64)
    cleanups.push(disk.cleanup)
    const file = join(disk.dir, 'settings.json')
    const store = new SettingsStore(file)
    expect(store.update({ audio: { volume: 0.6 } }).ok).toBe(true)
    const before = readFileSync(file, 'utf8')
    // Fill what is left, then ask for a change.
    writeFileSync(join(disk.dir, 'filler'), Buffer.alloc(0))
    try {
      for (;;) appendFileSync(join(disk.dir, 'filler'), Buffer.alloc(4096))
    } catch {
      // the disk is full now
    }
    const result = store.update({ filter: { blockedWords: Array(2000).fill('刷单刷单') } })
    expect(result).toMatchObject({
      ok: false,
      code: 'settings-not-saved',
      errors: [expect.stringMatching(/\(ENOSPC\)/)]
    })
    expect(store.settings.filter.blockedWords).toEqual([])
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(readdirSync(disk.dir).sort()).toEqual(['filler', 'settings.json'])
  })
})
