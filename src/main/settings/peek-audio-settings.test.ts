import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, parseSettings } from '../../shared/settings'
import { tempDir } from '../testing/paths'
import { peekAudioSettings } from './peek-audio-settings'
import { SettingsStore } from './settings-store'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function file(content: string): string {
  const t = tempDir()
  cleanups.push(t.cleanup)
  const path = join(t.dir, 'settings.json')
  writeFileSync(path, content)
  return path
}

describe('peekAudioSettings', () => {
  it('reads what the store reads when the audio section is valid', () => {
    const audio = { volume: 0.4, device: 'hw:CARD=PCH,DEV=0', recordFile: '直播 录音.wav' }
    const path = file(JSON.stringify({ audio, filter: { minLength: 2 } }))
    expect(peekAudioSettings(path)).toEqual(audio)
    expect(new SettingsStore(path).settings.audio).toEqual(audio)
  })

  it("is the schema's defaults without a file, with no file yet, or with no audio section", () => {
    const defaults = DEFAULT_SETTINGS.audio
    expect(peekAudioSettings(undefined)).toEqual(defaults)
    const t = tempDir()
    cleanups.push(t.cleanup)
    expect(peekAudioSettings(join(t.dir, 'missing', 'settings.json'))).toEqual(defaults)
    expect(peekAudioSettings(file('{}'))).toEqual(defaults)
    expect(peekAudioSettings(file('[1,2]'))).toEqual(defaults)
    expect(peekAudioSettings(file('{"audio": null}'))).toEqual(defaults)
  })

  it('takes a value the schema would refuse as its default, never as given', () => {
    const refused = {
      volume: 7,
      device: "file:FILE='|touch /tmp/pwned'",
      recordFile: '../../.bashrc.wav'
    }
    expect(parseSettings({ audio: refused }).ok).toBe(false)
    expect(peekAudioSettings(file(JSON.stringify({ audio: refused })))).toEqual(
      DEFAULT_SETTINGS.audio
    )
    const wrongTypes = { volume: '1', device: 3, recordFile: ['a.wav'] }
    expect(peekAudioSettings(file(JSON.stringify({ audio: wrongTypes })))).toEqual(
      DEFAULT_SETTINGS.audio
    )
    expect(peekAudioSettings(file(JSON.stringify({ audio: { device: 'x'.repeat(129) } })))).toEqual(
      DEFAULT_SETTINGS.audio
    )
  })

  it('is undefined when the file cannot be read as JSON (the store reports it)', () => {
    expect(peekAudioSettings(file('{"audio": '))).toBeUndefined()
    const t = tempDir()
    cleanups.push(t.cleanup)
    mkdirSync(join(t.dir, 'a-folder'))
    expect(peekAudioSettings(join(t.dir, 'a-folder'))).toBeUndefined()
  })
})
