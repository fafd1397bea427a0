import { describe, expect, it } from 'vitest'
import { HOSTILE_TEXTS } from '../testing/hostile-text'
import { wellFormed } from './well-formed'
import {
  base64Utf8,
  sapiCommand,
  sapiCommandLength,
  sapiRate,
  sapiScript,
  WINDOWS_COMMAND_LINE_MAX,
  type SapiUtterance
} from './sapi-command'

const BASE: SapiUtterance = {
  text: '感谢小橘子送的三个玫瑰',
  voice: '',
  culture: 'zh-CN',
  rate: 175,
  sampleRate: 22_050,
  outputPath: 'C:\\Users\\主播\\AppData\\Local\\Temp\\danmuvoice-tts-x\\speech.wav'
}

const SHELL_HOSTILE = [
  ...HOSTILE_TEXTS,
  "'; Remove-Item -Recurse C:\\ ; '",
  '"; Stop-Computer; "',
  '$(Stop-Computer) $env:USERPROFILE ${function:x}',
  '`n`r`0 backtick escapes `$x',
  '@" here-string "@ @\' here \'@',
  '& calc.exe | Out-Null; # comment <# block #>',
  '%PATH% ^& cmd escapes ^| !x!',
  '\u2018smart\u2019 \u201cquotes\u201d \u2013 dashes \uFF07 fullwidth apostrophe',
  '\u0000\u0001 control \u007f and \r\n newlines \u2028 line separator'
]

/** The decoded script of a command (what PowerShell runs). */
function scriptOf(args: readonly string[]): string {
  expect(args.slice(0, -1)).toEqual([
    '-NoLogo',
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand'
  ])
  return Buffer.from(args.at(-1)!, 'base64').toString('utf16le')
}

/** Every single-quoted literal in the script, in order. */
const literals = (script: string) => [...script.matchAll(/'([^']*)'/g)].map((m) => m[1]!)

describe('Windows SAPI command construction', () => {
  it('maps words per minute to SAPI -10…10 on a log scale', () => {
    expect(sapiRate(175)).toBe(0)
    expect(sapiRate(350)).toBe(6)
    expect(sapiRate(87.5)).toBe(-6)
    expect(sapiRate(525)).toBe(10)
    expect(sapiRate(10_000)).toBe(10)
    expect(sapiRate(1)).toBe(-10)
    expect(sapiRate(Number.NaN)).toBe(0)
    expect(Object.is(sapiRate(176), 0)).toBe(true)
  })

  it('runs PowerShell with an argument vector whose only variable part is base64', () => {
    const { file, args } = sapiCommand('powershell.exe', BASE)
    expect(file).toBe('powershell.exe')
    expect(args.at(-1)).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(Buffer.from(args.at(-1)!, 'base64').toString('base64')).toBe(args.at(-1))
  })

  it.each(SHELL_HOSTILE)(
    'never puts the text itself in the script, only base64 that decodes back exactly: %j',
    (text) => {
      const voice = "Microsoft Huihui Desktop'; evil"
      const script = scriptOf(sapiCommand('powershell.exe', { ...BASE, text, voice }).args)
      // Every quoted literal is a base64 string of the form the script decodes.
      for (const literal of literals(script).filter(
        (l) => !['Stop', 'SilentlyContinue'].includes(l)
      )) {
        expect(literal).toMatch(/^[A-Za-z0-9+/]*=*$/)
      }
      const decoded = [...script.matchAll(/Get-Text '([A-Za-z0-9+/=]*)'\)/g)].map((m) =>
        Buffer.from(m[1]!, 'base64').toString('utf8')
      )
      expect(decoded).toEqual([voice, 'zh-CN', BASE.outputPath, wellFormed(text)])
      expect(script).toContain(`$prompt.AppendText($(Get-Text '${base64Utf8(text)}'))`)
      // Nothing of the text appears raw (checked on its distinctive pieces).
      for (const piece of text
        .split(/\s+/)
        .filter((p) => p.length >= 4 && /[^A-Za-z0-9+/=]/.test(p)))
        expect(script).not.toContain(piece)
    }
  )

  it('keeps the script fixed apart from the base64 literals, rate and sample rate', () => {
    const a = sapiScript({ ...BASE, text: 'one' })
    const b = sapiScript({ ...BASE, text: '完全不同的 "text" $(x)' })
    const strip = (s: string) => s.replace(/'[A-Za-z0-9+/=]*'/g, "''")
    expect(strip(a)).toBe(strip(b))
    expect(a).toContain('$synth.Rate = 0')
    expect(sapiScript({ ...BASE, rate: 350 })).toContain('$synth.Rate = 6')
    expect(a).toContain(
      'SpeechAudioFormatInfo(22050, [System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, [System.Speech.AudioFormat.AudioChannel]::Mono)'
    )
    expect(a).toContain('SetOutputToWaveFile(')
    expect(a).toContain('Add-Type -AssemblyName System.Speech')
  })

  it('reads text as plain text (PromptBuilder.AppendText), never as SSML', () => {
    const script = sapiScript(BASE)
    expect(script).toContain('$prompt.AppendText(')
    expect(script).not.toMatch(/SpeakSsml|AppendSsml/)
  })

  it('selects the named voice, or the first enabled voice of the culture', () => {
    const script = sapiScript(BASE)
    expect(script).toContain('if ($voice) { $synth.SelectVoice($voice) }')
    expect(script).toContain('$_.VoiceInfo.Culture.Name -eq $culture')
  })

  it('reports failures on stderr with exit code 1', () => {
    expect(sapiScript(BASE)).toMatch(
      /catch \{\r\n {2}\[Console\]::Error\.WriteLine\(\$_\.Exception\.Message\)\r\n {2}exit 1/
    )
  })

  it('refuses impossible sample rates', () => {
    expect(() => sapiScript({ ...BASE, sampleRate: 3 })).toThrow(RangeError)
    expect(() => sapiScript({ ...BASE, sampleRate: Number.NaN })).toThrow(RangeError)
  })

  it('fits a long comment in a Windows command line, and measures what does not', () => {
    const long = sapiCommand('powershell.exe', { ...BASE, text: '弹'.repeat(1000) })
    expect(sapiCommandLength(long)).toBeLessThan(WINDOWS_COMMAND_LINE_MAX)
    const huge = sapiCommand('powershell.exe', { ...BASE, text: '弹'.repeat(5000) })
    expect(sapiCommandLength(huge)).toBeGreaterThan(WINDOWS_COMMAND_LINE_MAX)
  })
})
