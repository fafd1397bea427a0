import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The repository root. */
export const ROOT = join(__dirname, '..', '..')
const HEADLESS = join(ROOT, 'out', 'main', 'headless.js')

/** How to start the headless server. */
export interface ServerOptions {
  /** Settings folder; reuse one to test persistence across restarts. @default a fresh temp dir */
  dataDir?: string
  /** @default 'demo' */
  source?: string
  /** Demo time compression. @default 3 */
  speed?: number
  /** `--audio` sink. @default 'null' */
  audio?: string
  /** Extra environment for the server process. */
  env?: NodeJS.ProcessEnv
  /** `--ui` port; `settings` = `--ui` alone (the port in settings, overlay.port). @default 0 */
  ui?: number | 'settings'
  /** More flags (e.g. `--douyin-base`). */
  args?: string[]
}

/** The real headless DanmuVoice serving the built UI (`--ui 0`), as the e2e tests drive it. */
export interface RunningServer {
  url: string
  overlayUrl: string
  token: string
  origin: string
  dataDir: string
  child: ChildProcess
  stop(): Promise<void>
}

const running = new Set<RunningServer>()
const tempDirs: string[] = []

/** A fresh temp folder, removed by cleanupTempDirs(). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'danmuvoice-e2e-'))
  tempDirs.push(dir)
  return dir
}

/**
 * Starts `node out/main/headless.js --ui 0` (the build must exist: `npm test` builds first) and
 * resolves once it has printed both URLs.
 */
export function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDir()
  const args = [
    HEADLESS,
    '--source',
    options.source ?? 'demo',
    '--speed',
    String(options.speed ?? 3),
    '--audio',
    options.audio ?? 'null',
    ...(options.ui === 'settings' ? ['--ui'] : ['--ui', String(options.ui ?? 0)]),
    '--data-dir',
    dataDir,
    '--drain',
    '0',
    '--quiet',
    ...(options.args ?? [])
  ]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env }
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    running.delete(server)
    if (child.exitCode === null && child.signalCode === null) {
      const started = Date.now()
      child.kill('SIGINT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
      if (child.signalCode === 'SIGKILL')
        console.warn(
          `[e2e] headless server ignored SIGINT for ${Date.now() - started} ms and was killed`
        )
    }
  }
  const server: RunningServer = {
    url: '',
    overlayUrl: '',
    token: '',
    origin: '',
    dataDir,
    child,
    stop
  }
  running.add(server)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`headless server printed no URL within 20 s; stderr: ${stderr}`)),
      20_000
    )
    const fail = (err: Error) => {
      clearTimeout(timer)
      void stop().then(() => reject(err))
    }
    const early = (code: number | null) =>
      fail(new Error(`headless server exited (${code}) before serving; stderr: ${stderr}`))
    child.once('exit', early)
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      const ui = /DanmuVoice UI: (\S+)/.exec(stdout)
      const overlay = /OBS overlay: +(\S+)/.exec(stdout)
      if (!ui || !overlay || server.url) return
      clearTimeout(timer)
      child.removeListener('exit', early)
      const url = new URL(ui[1]!)
      Object.assign(server, {
        url: ui[1]!,
        overlayUrl: overlay[1]!,
        token: url.searchParams.get('token') ?? '',
        origin: url.origin
      })
      resolve(server)
    })
  })
}

/** Stops every server still running (afterEach/afterAll). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()))
}

/** Removes the folders tempDir() made (afterAll). */
export function cleanupTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}
