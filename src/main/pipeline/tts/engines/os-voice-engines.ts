import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, win32 } from 'node:path'
import type { AudioClip } from '../../../../shared/speech'
import type { SapiSettings, SaySettings } from '../../../../shared/tts-engine-settings'
import type { TtsEngine } from '../engine'
import { decodeWavAnswer } from './audio-decoding'
import { CallScope, type AbortableSynthesisRequest } from './call-scope'
import { runProgram, type ProgramCommand } from './run-program'
import { sapiCommand, sapiCommandLength, WINDOWS_COMMAND_LINE_MAX } from './sapi-command'
import { sayCommand, sayInput } from './say-command'
import { SpeechEngineError } from './speech-error'

/** How an OS voice turns one request into a program run that writes `outputPath` (a WAV file). */
export interface OsVoiceSpec {
  name: string
  description: string
  defaultVoice: string
  /** The OS it runs on; elsewhere every call fails as `unavailable`. */
  platform: NodeJS.Platform
  timeoutMs: number
  build(
    request: AbortableSynthesisRequest,
    outputPath: string
  ): { command: ProgramCommand; stdin?: string }
}

/**
 * An offline system voice run as a program that writes a WAV file into a private temp folder,
 * which is removed after every call, failed or not.
 */
export class OsVoiceEngine implements TtsEngine {
  readonly name: string
  readonly defaultVoice: string
  readonly description: string
  readonly #calls: CallScope

  constructor(
    private readonly spec: OsVoiceSpec,
    /** The OS this process runs on (tests pretend). @default process.platform */
    private readonly platform: NodeJS.Platform = process.platform
  ) {
    this.name = spec.name
    this.defaultVoice = spec.defaultVoice
    this.description = spec.description
    this.#calls = new CallScope(spec.name)
  }

  /** Whether this OS can run the engine at all. */
  get supported(): boolean {
    return this.platform === this.spec.platform
  }

  async synthesize(request: AbortableSynthesisRequest): Promise<AudioClip> {
    if (!this.supported)
      throw new SpeechEngineError(
        this.name,
        'unavailable',
        `runs only on ${this.spec.platform}, not ${this.platform}`
      )
    const call = this.#calls.begin(this.spec.timeoutMs, request.signal)
    let dir: string | undefined
    try {
      dir = await mkdtemp(join(tmpdir(), 'danmuvoice-tts-'))
      const { command, stdin } = this.spec.build(request, join(dir, 'speech.wav'))
      await runProgram(this.name, command, { stdin, signal: call.signal })
      let wav: Uint8Array
      try {
        wav = await readFile(join(dir, 'speech.wav'))
      } catch {
        throw new SpeechEngineError(this.name, 'bad-audio', `${command.file} wrote no audio file`)
      }
      return decodeWavAnswer(this.name, wav)
    } finally {
      call.end()
      if (dir) await rm(dir, { recursive: true, force: true })
    }
  }

  async dispose(): Promise<void> {
    this.#calls.dispose()
  }
}

/**
 * The programs the OS voices run. They are fixed here, never read from settings (which anyone
 * holding the control link could change): Windows PowerShell 5.1 from the system folder (it ships
 * System.Speech), and macOS's own `say`.
 */
export function osVoiceProgram(kind: 'sapi' | 'say', env: NodeJS.ProcessEnv = process.env): string {
  if (kind === 'say') return '/usr/bin/say'
  const systemRoot = /^[A-Za-z]:\\[^"<>|?*]*$/.test(env.SystemRoot ?? '')
    ? env.SystemRoot!
    : 'C:\\Windows'
  return win32.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe')
}

/** Options of {@link createSapiEngine}: the `tts.engines.sapi` settings. */
export type SapiEngineOptions = Omit<SapiSettings, 'maxConcurrent'> & {
  /** Tests run a stand-in; the app always uses {@link osVoiceProgram}. */
  program?: string
}

/**
 * Windows SAPI through PowerShell's System.Speech (offline, present on every Windows). The text
 * travels as base64 of UTF-8 inside an -EncodedCommand script, never as raw command-line text,
 * because Windows PowerShell reads piped stdin in the OEM code page and garbles Chinese.
 */
export function createSapiEngine(
  options: SapiEngineOptions,
  platform?: NodeJS.Platform
): OsVoiceEngine {
  return new OsVoiceEngine(
    {
      name: 'sapi',
      description: `Windows SAPI voice ${options.voice || `(first ${options.culture} voice)`} via PowerShell`,
      defaultVoice: options.voice,
      platform: 'win32',
      timeoutMs: options.timeoutMs,
      build: (request, outputPath) => {
        const command = sapiCommand(options.program ?? osVoiceProgram('sapi'), {
          text: request.text,
          voice: request.voice || options.voice,
          culture: options.culture,
          rate: request.rate,
          sampleRate: options.sampleRate,
          outputPath
        })
        if (sapiCommandLength(command) > WINDOWS_COMMAND_LINE_MAX) {
          throw new SpeechEngineError(
            'sapi',
            'bad-audio',
            `text too long for one SAPI call (${request.text.length} characters)`
          )
        }
        return { command }
      }
    },
    platform
  )
}

/** Options of {@link createSayEngine}: the `tts.engines.say` settings. */
export type SayEngineOptions = Omit<SaySettings, 'maxConcurrent'> & {
  /** Tests run a stand-in; the app always uses {@link osVoiceProgram}. */
  program?: string
}

/** macOS `say` (offline system voices such as Tingting), writing 16-bit little-endian PCM WAV. */
export function createSayEngine(
  options: SayEngineOptions,
  platform?: NodeJS.Platform
): OsVoiceEngine {
  return new OsVoiceEngine(
    {
      name: 'say',
      description: `macOS say, voice ${options.voice || '(system voice)'}`,
      defaultVoice: options.voice,
      platform: 'darwin',
      timeoutMs: options.timeoutMs,
      build: (request, outputPath) => ({
        command: sayCommand(options.program ?? osVoiceProgram('say'), {
          voice: request.voice || options.voice,
          rate: request.rate,
          sampleRate: options.sampleRate,
          outputPath
        }),
        stdin: sayInput(request.text)
      })
    },
    platform
  )
}
