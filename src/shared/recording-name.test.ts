import { describe, expect, it } from 'vitest'
import { isRecordingName } from './recording-name'
import { parseSettings } from './settings'

describe('the recording file is a name in the recordings folder, never a path', () => {
  it('accepts bare .wav names, Chinese included', () => {
    for (const name of ['', 'stream.wav', '直播录音 12月2日.wav', 'a.WAV']) {
      expect(isRecordingName(name), name).toBe(true)
    }
  })

  it('refuses paths, other extensions and hidden files', () => {
    for (const name of [
      '/etc/passwd',
      '../settings.json',
      '../../x.wav',
      'sub/x.wav',
      'C:\\Users\\me\\x.wav',
      'x.txt',
      '.wav',
      '.hidden.wav',
      'x.wav\u0000.txt',
      'a:b.wav'
    ]) {
      expect(isRecordingName(name), name).toBe(false)
    }
    const r = parseSettings({ audio: { recordFile: '/home/me/notes.txt' } })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/^audio\.recordFile: a file name/)])
  })

  it('program paths are not settings at all', () => {
    const r = parseSettings({
      tts: { engines: { sapi: { powershell: 'C:\\evil.exe' }, say: { command: '/tmp/evil' } } }
    })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors.join('\n')).toMatch(/tts\.engines\.sapi\.powershell: unknown setting/)
      expect(r.errors.join('\n')).toMatch(/tts\.engines\.say\.command: unknown setting/)
    }
  })
})
