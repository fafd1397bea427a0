import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { HEADLESS } from './paths'

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Wall time of the run, ms. */
  ms: number
}

/** Runs the built headless CLI to the end (killed after `timeoutMs`, so a hang fails clearly). */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000
): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [HEADLESS, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started })
    })
  })
}

/**
 * Processes (any) whose environment holds `marker`: a run started with a unique marker in its
 * environment passes it to every child, so this finds what it left behind.
 */
export function processesWithEnv(marker: string): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker))
        found.push(Number(entry))
    } catch {
      // gone, or not ours to read
    }
  }
  return found
}
