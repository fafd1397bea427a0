import { execFile, spawn } from 'node:child_process'
import type { AudioClip } from '../../../shared/speech'
import { parseWav } from '../../../shared/wav-format'
import type { SynthesisRequest, TtsEngine } from './engine'
import { TaskError } from '../../scaling/task-error'

/** Audio bytes accepted from one espeak-ng run. */
const MAX_AUDIO_BYTES = 64 * 1024 * 1024

export interface EspeakInstall {
  path: string
  version: string
  /** The Mandarin voice that reads correctly on this version. */
  voice: string
}

/**
 * Finds an installed espeak-ng program and picks its working Mandarin voice: before 1.52, `cmn`
 * reads pinyin and tone digits in English (espeak-ng #1028/#1044), so use `cmn-latn-pinyin` there.
 */
export async function detectEspeakCli(path = 'espeak-ng'): Promise<EspeakInstall | undefined> {
  const run = (args: string[]) =>
    new Promise<string | undefined>((resolve) => {
      execFile(path, args, { timeout: 5000, windowsHide: true }, (err, stdout) =>
        resolve(err ? undefined : stdout)
      )
    })
  const versionText = await run(['--version'])
  const version = versionText?.match(/(\d+)\.(\d+)/)
  if (!versionText || !version) return undefined
  const voices = (await run(['--voices=cmn'])) ?? ''
  const hasPinyinVariant = /\bcmn-latn-pinyin\b/i.test(voices)
  const hasCmn = /\bcmn\b/.test(voices)
  if (!hasCmn && !hasPinyinVariant) return undefined
  const major = Number(version[1])
  const minor = Number(version[2])
  const old = major < 1 || (major === 1 && minor < 52)
  const voice = old && hasPinyinVariant ? 'cmn-latn-pinyin' : hasCmn ? 'cmn' : 'cmn-latn-pinyin'
  return { path, version: `${version[1]}.${version[2]}`, voice }
}

/**
 * The espeak-ng program: ~10× faster than the WebAssembly build. Text goes in on stdin (never as an
 * argument, never through a shell), so a comment like `-w /etc/x` or `$(rm)` is only ever spoken.
 */
export class EspeakCliEngine implements TtsEngine {
  readonly name = 'espeak-cli'
  readonly defaultVoice: string
  readonly description: string

  constructor(
    private readonly install: EspeakInstall,
    private readonly timeoutMs = 15_000
  ) {
    this.defaultVoice = install.voice
    this.description = `espeak-ng ${install.version} program (${install.path}), voice ${install.voice}`
  }

  synthesize(request: SynthesisRequest): Promise<AudioClip> {
    const args = ['-v', request.voice || this.defaultVoice, '-s', String(request.rate), '--stdout']
    return new Promise((resolve, reject) => {
      const child = spawn(this.install.path, args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true
      })
      if (child.pid !== undefined) request.onWorker?.(`pid ${child.pid}`)
      const chunks: Buffer[] = []
      let stderr = ''
      const timer = setTimeout(() => child.kill('SIGKILL'), this.timeoutMs)
      let size = 0
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.byteLength
        // Far beyond any line (500 characters are ~1 MB of audio): a runaway program is stopped.
        if (size > MAX_AUDIO_BYTES) {
          child.kill('SIGKILL')
          child.stdout.destroy() // 'close' must not wait for whatever still holds the pipe
          return
        }
        chunks.push(chunk)
      })
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-2000)
      })
      child.on('error', (err) => {
        clearTimeout(timer)
        reject(new Error(`espeak-ng could not start: ${err.message}`))
      })
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        if (size > MAX_AUDIO_BYTES)
          return reject(new Error(`espeak-ng produced more than ${MAX_AUDIO_BYTES} bytes; stopped`))
        if (code !== 0) {
          const words = `espeak-ng failed (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no output'}`
          // Killed by a signal: the program running the line died, which a retry can survive.
          return reject(signal ? new TaskError('worker-killed', words) : new Error(words))
        }
        try {
          resolve(parseWav(Buffer.concat(chunks)))
        } catch (err) {
          reject(new Error(`espeak-ng returned bad audio: ${(err as Error).message}`))
        }
      })
      child.stdin.on('error', () => {}) // reported through 'close'
      child.stdin.end(request.text, 'utf8')
    })
  }

  async dispose(): Promise<void> {}
}
