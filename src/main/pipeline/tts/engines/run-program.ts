import { spawn } from 'node:child_process'
import { abortedError, SpeechEngineError } from './speech-error'

/** A program to run: executable and argument vector, never a shell command line. */
export interface ProgramCommand {
  file: string
  args: readonly string[]
}

/** What a program that exited 0 produced. */
export interface ProgramResult {
  stdout: Buffer
  stderr: string
}

/**
 * Runs a program without a shell (`shell: false`, argument vector), feeding `stdin` as UTF-8 when
 * given. Killed when `signal` fires. A missing program is `unavailable`; a non-zero exit is reported
 * with the program's own words (last 500 characters of stderr).
 */
export function runProgram(
  engine: string,
  command: ProgramCommand,
  options: { stdin?: string; signal: AbortSignal }
): Promise<ProgramResult> {
  const { signal } = options
  if (signal.aborted) return Promise.reject(abortedError(engine, signal))
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, [...command.args], {
      shell: false,
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    const stdout: Buffer[] = []
    let stderr = ''
    let settled = false
    const finish = (err: Error | undefined) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      if (err) reject(err)
      else resolve({ stdout: Buffer.concat(stdout), stderr })
    }
    const onAbort = () => {
      child.kill('SIGKILL')
      finish(abortedError(engine, signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-500)
    })
    child.on('error', (err: NodeJS.ErrnoException) => {
      const kind = err.code === 'ENOENT' || err.code === 'EACCES' ? 'unavailable' : 'network'
      finish(
        new SpeechEngineError(engine, kind, `cannot run ${command.file}: ${err.message}`, {
          cause: err
        })
      )
    })
    child.on('close', (code, sig) => {
      if (code === 0) return finish(undefined)
      const why = sig ? `killed by ${sig}` : `exit ${code}`
      finish(
        new SpeechEngineError(
          engine,
          'unavailable',
          `${command.file} failed (${why}): ${stderr.trim() || 'no message'}`
        )
      )
    })
    child.stdin.on('error', () => {}) // a program that exits early closes stdin; 'close' reports why
    child.stdin.end(options.stdin ?? '', 'utf8')
  })
}
