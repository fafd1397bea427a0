import { osVoiceProgram } from './engines/os-voice-engines'
import { runProgram } from './engines/run-program'

/** One installed system voice. */
export interface OsVoice {
  id: string
  label: string
  /** BCP 47 with a dash (`zh-CN`), as both OSes' lists are normalised to. */
  lang: string
}

export interface OsVoiceOptions {
  /** Tests run a stand-in; the app uses the fixed system program (os-voice-engines.ts). */
  program?: string
  timeoutMs?: number
}

/** The PowerShell script that lists SAPI voices, one `name|culture|gender` line each. */
const SAPI_LIST_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
  'Add-Type -AssemblyName System.Speech',
  '$synth = New-Object System.Speech.Synthesis.SpeechSynthesizer',
  '$synth.GetInstalledVoices() | Where-Object { $_.Enabled } | ForEach-Object { $_.VoiceInfo.Name + "|" + $_.VoiceInfo.Culture.Name + "|" + $_.VoiceInfo.Gender }',
  '$synth.Dispose()'
].join('\n')

/** `say -v ?` lines: `Tingting             zh_CN    # 你好，我叫婷婷。` */
export function parseSayVoices(text: string): OsVoice[] {
  const out: OsVoice[] = []
  for (const line of text.split('\n')) {
    const m = /^(.+?)\s{2,}([a-z]{2,3})[_-]([A-Za-z0-9]{2,8})\s+#\s*(.*)$/.exec(line.trimEnd())
    if (!m) continue
    const lang = `${m[2]}-${m[3]}`
    out.push({ id: m[1]!.trim(), label: `${m[1]!.trim()} (${lang}) ${m[4]!}`.trim(), lang })
  }
  return out
}

/** The SAPI list script's `name|culture|gender` lines. */
export function parseSapiVoices(text: string): OsVoice[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().split('|'))
    .filter((cols) => cols.length >= 2 && cols[0] !== '')
    .map(([name, culture, gender]) => ({
      id: name!,
      label: `${name} (${culture}${gender ? `, ${gender}` : ''})`,
      lang: culture!
    }))
}

/** Installed voices of a system engine; empty when the program cannot run (another OS). */
export async function listOsVoices(
  kind: 'sapi' | 'say',
  options: OsVoiceOptions = {}
): Promise<OsVoice[]> {
  const file = options.program ?? osVoiceProgram(kind)
  const args =
    kind === 'say'
      ? ['-v', '?']
      : [
          '-NoProfile',
          '-NonInteractive',
          '-ExecutionPolicy',
          'Bypass',
          '-EncodedCommand',
          Buffer.from(SAPI_LIST_SCRIPT, 'utf16le').toString('base64')
        ]
  try {
    const { stdout } = await runProgram(
      kind,
      { file, args },
      { signal: AbortSignal.timeout(options.timeoutMs ?? 8000) }
    )
    const text = stdout.toString('utf8')
    return kind === 'say' ? parseSayVoices(text) : parseSapiVoices(text)
  } catch {
    return []
  }
}

/** Mainland Mandarin first, then Taiwan; Cantonese is not Mandarin. */
function mandarinRank(lang: string): number {
  const l = lang.toLowerCase()
  return l === 'zh-cn' ? 0 : l === 'zh-sg' ? 1 : l === 'zh-tw' ? 2 : -1
}

/**
 * The system's own Mandarin voice, the best one `auto` can use: Windows SAPI (Huihui, Yaoyao,
 * Kangkang) or macOS `say` (Tingting). Linux has no system Mandarin voice (festival has none).
 */
export async function findMandarinOsVoice(
  platform: NodeJS.Platform = process.platform,
  options: OsVoiceOptions = {}
): Promise<{ engine: 'sapi' | 'say'; voice: string } | undefined> {
  const kind = platform === 'win32' ? 'sapi' : platform === 'darwin' ? 'say' : undefined
  if (!kind) return undefined
  const voices = (await listOsVoices(kind, options))
    .filter((v) => mandarinRank(v.lang) >= 0)
    .sort((a, b) => mandarinRank(a.lang) - mandarinRank(b.lang))
  const best = voices[0]
  return best ? { engine: kind, voice: best.id } : undefined
}
