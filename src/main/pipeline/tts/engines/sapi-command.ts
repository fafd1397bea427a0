import { NORMAL_RATE_WPM } from './call-scope'
import type { ProgramCommand } from './run-program'
import { wellFormed } from './well-formed'

/** What one Windows SAPI utterance needs. */
export interface SapiUtterance {
  text: string
  /** Installed voice name; empty = the first enabled voice of `culture` (else the system voice). */
  voice: string
  culture: string
  /** Words per minute (espeak-ng scale, 175 = normal). */
  rate: number
  sampleRate: number
  /** WAV file the synthesizer writes. */
  outputPath: string
}

/**
 * SAPI's rate is -10…10 with 0 normal; ±10 is about three times faster/slower, so the scale is
 * logarithmic: 350 wpm (2×) → 6, 87 wpm (½×) → -6.
 */
export function sapiRate(wpm: number): number {
  const factor = Number.isFinite(wpm) && wpm > 0 ? wpm / NORMAL_RATE_WPM : 1
  const steps = Math.round((10 * Math.log(factor)) / Math.log(3))
  return Math.max(-10, Math.min(10, steps)) || 0
}

/** UTF-8 bytes as base64: the only form in which outside strings enter the script (lone surrogates → U+FFFD). */
export function base64Utf8(value: string): string {
  return Buffer.from(wellFormed(value), 'utf8').toString('base64')
}

/** A PowerShell expression that decodes a base64 literal back to the original string. */
const decoded = (value: string) => `$(Get-Text '${base64Utf8(value)}')`

/**
 * The PowerShell script for one utterance. Text, voice, culture and the output path appear only as
 * base64 literals inside single quotes (the base64 alphabet has no quote, `$`, backtick or newline),
 * so no comment can end a string or start a command. The text is added with PromptBuilder.AppendText,
 * so SAPI reads it as plain text, never as SSML.
 */
export function sapiScript(u: SapiUtterance): string {
  const rate = sapiRate(u.rate)
  const sampleRate = Math.trunc(u.sampleRate)
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 96_000)
    throw new RangeError(`bad sample rate ${u.sampleRate}`)
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
    'function Get-Text([string]$b) { [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($b)) }',
    '$synth = $null',
    'try {',
    '  Add-Type -AssemblyName System.Speech',
    '  $synth = New-Object System.Speech.Synthesis.SpeechSynthesizer',
    `  $voice = ${decoded(u.voice)}`,
    `  $culture = ${decoded(u.culture)}`,
    '  if ($voice) { $synth.SelectVoice($voice) }',
    '  else {',
    '    $match = $synth.GetInstalledVoices() | Where-Object { $_.Enabled -and $_.VoiceInfo.Culture.Name -eq $culture } | Select-Object -First 1',
    '    if ($match) { $synth.SelectVoice($match.VoiceInfo.Name) }',
    '  }',
    `  $synth.Rate = ${rate}`,
    '  $synth.Volume = 100',
    '  $format = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(' +
      `${sampleRate}, [System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, [System.Speech.AudioFormat.AudioChannel]::Mono)`,
    `  $synth.SetOutputToWaveFile(${decoded(u.outputPath)}, $format)`,
    '  $prompt = New-Object System.Speech.Synthesis.PromptBuilder',
    `  $prompt.AppendText(${decoded(u.text)})`,
    '  $synth.Speak($prompt)',
    '  $synth.SetOutputToNull()',
    '} catch {',
    '  [Console]::Error.WriteLine($_.Exception.Message)',
    '  exit 1',
    '} finally {',
    '  if ($synth) { $synth.Dispose() }',
    '}'
  ].join('\r\n')
}

/**
 * The whole command: `powershell.exe … -EncodedCommand <base64 of the UTF-16LE script>`. The script
 * travels as one base64 argument, so neither the Windows command line nor PowerShell's own parsing
 * of arguments ever sees the text.
 */
export function sapiCommand(powershell: string, u: SapiUtterance): ProgramCommand {
  const encoded = Buffer.from(sapiScript(u), 'utf16le').toString('base64')
  return {
    file: powershell,
    args: [
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
      encoded
    ]
  }
}

/** Longest command line Windows accepts (CreateProcess, in UTF-16 units). */
export const WINDOWS_COMMAND_LINE_MAX = 32_767

/** Rough length of the command line `sapiCommand` produces, to refuse text that cannot fit. */
export function sapiCommandLength(command: ProgramCommand): number {
  return command.file.length + 3 + command.args.reduce((n, a) => n + a.length + 1, 0)
}
