import { describe, expect, it } from 'vitest'
import { HOSTILE_TEXTS } from '../testing/hostile-text'
import { sayCommand, sayInput, type SayUtterance } from './say-command'
import { wellFormed } from './well-formed'

const BASE: SayUtterance = {
  voice: 'Tingting',
  rate: 175,
  sampleRate: 22_050,
  outputPath: '/var/folders/x/danmuvoice-tts-1/speech.wav'
}

describe('macOS say command construction', () => {
  it('writes 16-bit little-endian PCM WAV and reads the text from stdin', () => {
    expect(sayCommand('say', BASE)).toEqual({
      file: 'say',
      args: [
        '--output-file=/var/folders/x/danmuvoice-tts-1/speech.wav',
        '--file-format=WAVE',
        '--data-format=LEI16@22050',
        '--voice=Tingting',
        '--rate=175',
        '--input-file=-'
      ]
    })
  })

  it('leaves the voice out when none is set, and clamps the rate', () => {
    const { args } = sayCommand('/usr/bin/say', { ...BASE, voice: '', rate: 5000 })
    expect(args.some((a) => a.startsWith('--voice'))).toBe(false)
    expect(args).toContain('--rate=700')
    expect(sayCommand('say', { ...BASE, rate: Number.NaN }).args).toContain('--rate=175')
  })

  it('keeps values that look like options inside their own --name=value element', () => {
    const { args } = sayCommand('say', {
      ...BASE,
      voice: '-o /etc/passwd',
      outputPath: '-rf speech.wav'
    })
    expect(args).toContain('--voice=-o /etc/passwd')
    expect(args).toContain('--output-file=-rf speech.wav')
    expect(args.every((a) => a.startsWith('--'))).toBe(true)
  })

  it('refuses control characters in voice or path (NUL cannot be in an argument)', () => {
    expect(() => sayCommand('say', { ...BASE, voice: 'Ting\u0000ting' })).toThrow(RangeError)
    expect(() => sayCommand('say', { ...BASE, outputPath: 'a\nb.wav' })).toThrow(RangeError)
    expect(() => sayCommand('say', { ...BASE, sampleRate: 100 })).toThrow(RangeError)
  })

  it.each([...HOSTILE_TEXTS, '-v Alex --output-file=/tmp/x', '"; rm -rf ~; "'])(
    'never puts the text in the argument vector: %j',
    (text) => {
      const { args } = sayCommand('say', BASE)
      expect(args.join('\n')).not.toContain(text)
      const input = sayInput(text)
      // stdin carries the text verbatim, except control characters other than line breaks and tabs.
      expect(input).toBe(
        wellFormed(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
      )
      expect([...input].length).toBe([...text].length)
    }
  )
})
