import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { canonicalEvent } from '../../shared/events'
import { realClock } from '../../shared/clock'
import type { UiServer } from '../bridge/ui-server'
import { prepareWavOutput, WavOutputError } from '../files/prepare-wav-output'
import type { ProbedOutput } from '../pipeline/playback/output-probe'
import type { SettingsStore } from '../settings/settings-store'
import { DEMO_SESSION_FILE } from '../sources/demo-source'
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './cli-args'
import { ConfigError } from './config-error'
import { LogLimiter, safeForTerminal } from './log-limiter'
import { OutputError } from './output-file'
import { checkOutputPaths, RunOutputs, type RunOutputPaths } from './outputs'
import { probeBeforeLoad } from './probe-before-load'
import { formatStatusLine, formatSummary } from './status-line'

export interface HeadlessPaths {
  workerDir: string
  assetsDir: string
  rendererDir: string
}

interface Io {
  out: NodeJS.WritableStream
  err: NodeJS.WriteStream
}

/** Where browser mode keeps its settings unless --data-dir says otherwise. */
function defaultDataDir(): string {
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'danmuvoice')
}

/** The headless CLI: flags → one session (and, with --ui, the browser UI) → exit code. */
export async function runHeadless(
  argv: string[],
  paths: HeadlessPaths,
  io: Io = { out: process.stdout, err: process.stderr }
): Promise<number> {
  let options: CliOptions
  let store: SettingsStore
  let recordingsDir: string
  let outputs: RunOutputs
  const outputFailures: OutputError[] = []
  const terminal = new LogLimiter((line) => io.err.write(`${clearLine(io.err)}${line}\n`))
  let dataDir: string | undefined
  let probedOutput: ProbedOutput | undefined
  let app: typeof import('./app-modules')
  try {
    options = parseCliArgs(argv)
    if (options.help) {
      io.out.write(USAGE + '\n')
      return 0
    }
    // Every output is checked now (and opened once the config is read): a bad path fails the run
    // before it starts, and no output may overwrite what the run reads.
    const outputPaths: RunOutputPaths = {
      '--events-out': options.eventsOut,
      '--speech-out': options.speechOut,
      '--stats-out': options.statsOut,
      '--log-file': options.logFile,
      '--audio wav:': options.audio.kind === 'wav' ? options.audio.file : undefined
    }
    checkOutputPaths(outputPaths, runInputs(options, paths))
    if (options.audio.kind === 'wav') prepareWavOutput(resolve(options.audio.file))
    // --config is read-only; otherwise settings persist in the data folder (browser mode, or --data-dir).
    dataDir = options.dataDir ?? (options.ui !== undefined ? defaultDataDir() : undefined)
    recordingsDir = resolve(
      options.recordingsDir ?? (dataDir ? join(dataDir, 'recordings') : 'recordings')
    )
    const settingsFile =
      options.config || !dataDir ? undefined : join(resolve(dataDir), 'settings.json')
    // The player's device check first, then the app: never both in memory (probe-before-load.ts).
    probedOutput = await probeBeforeLoad({
      workerDir: paths.workerDir,
      audio: options.audio,
      audioPace: options.audioPace,
      recordingsDir,
      settingsFile: options.config ?? settingsFile
    })
    app = await import('./app-modules')
    const initial = app.loadConfigFile(options.config)
    outputs = new RunOutputs(outputPaths, (error) => {
      outputFailures.push(error)
      terminal.log(`[error] ${error.message}; the run goes on without it`)
    })
    store = new app.SettingsStore(settingsFile, initial)
  } catch (err) {
    io.err.write(`danmuvoice: ${(err as Error).message}\n`)
    if (err instanceof UsageError) io.err.write(`\n${USAGE}\n`)
    return err instanceof UsageError ||
      err instanceof ConfigError ||
      err instanceof WavOutputError ||
      err instanceof OutputError
      ? 2
      : 1
  }
  for (const notice of store.loadNotices) terminal.log(`[warn] ${notice.message}`)

  const controller = new app.AppController({
    store,
    workerDir: paths.workerDir,
    sourceOptions: { speed: options.speed, assetsDir: paths.assetsDir, douyin: options.douyin },
    audio: options.audio,
    audioPace: options.audioPace,
    recordingsDir,
    probedOutput,
    drainMs: options.drainSec * 1000
  })
  const { events, speech, log } = outputs
  if (events) controller.onEvent(({ event }) => events.write(canonicalEvent(event)))
  if (speech) controller.onSpeech((record) => speech.write(record))
  controller.onLog(({ level, code, message }) => {
    log?.write(`${new Date().toISOString()} [${level}] ${safeForTerminal(message)}\n`)
    // Drops are many in a busy room: they go to the log file and --speech-out, not the console.
    if (level !== 'info' || code !== 'dropped') terminal.log(`[${level}] ${message}`)
  })

  const session = await controller.connect(options.source)
  let refused = session.error
  // More `--source`s: more rooms in the same session (the same planner and voice).
  for (const spec of options.sources.slice(1)) {
    if (refused) break
    await controller.addRoom(spec).catch((err: Error) => (refused = err.message))
  }
  if (refused) {
    io.err.write(`danmuvoice: ${refused}\n`)
    await controller.dispose()
    await outputs.finish(undefined)
    return 2
  }

  let ui: UiServer | undefined
  if (options.ui !== undefined) {
    // `--ui` alone: the port in settings (the OBS link stays the same across restarts).
    const fromSettings = options.ui === 'settings'
    const port = fromSettings ? store.settings.overlay.port : (options.ui as number)
    try {
      const { serveUi } = await import('../bridge/serve-ui') // its HTTP and WebSocket code: --ui only
      ui = await serveUi({
        controller,
        rendererDir: paths.rendererDir,
        port,
        fromSettings,
        dataDir: dataDir ? resolve(dataDir) : undefined
      })
    } catch (err) {
      io.err.write(
        `danmuvoice: cannot serve the UI on 127.0.0.1:${port}: ${(err as Error).message}\n`
      )
      await controller.dispose()
      await outputs.finish(undefined)
      return 1
    }
    if (ui.portFallback)
      io.err.write(`[warn] port ${port} is taken; serving on ${ui.port} for this run\n`)
    io.out.write(`DanmuVoice UI: ${ui.url('/')}\nOBS overlay:   ${ui.overlayUrl()}\n`)
  }

  let stopReason = ''
  await new Promise<void>((resolveDone) => {
    const finish = (reason: string) => {
      if (stopReason) return
      stopReason = reason
      resolveDone()
    }
    process.once('SIGINT', () => finish('interrupted'))
    process.once('SIGTERM', () => finish('terminated'))
    if (options.durationSec !== undefined)
      realClock({ unref: true }).setTimeout(
        () => finish(`duration ${options.durationSec} s reached`),
        options.durationSec * 1000
      )
    if (options.exitWhenIdleSec !== undefined) {
      let idleSince: number | undefined
      setInterval(() => {
        if (!controller.pipeline?.isIdle()) return void (idleSince = undefined)
        idleSince ??= Date.now()
        if (Date.now() - idleSince >= options.exitWhenIdleSec! * 1000) finish('idle')
      }, 50).unref()
    }
    const tty = io.err.isTTY === true
    let lastPrinted = 0
    setInterval(() => {
      const status = controller.status()
      if (options.quiet || stopReason || !status) return
      const line = formatStatusLine(status)
      if (tty) io.err.write(`\r\x1b[2K${line}`)
      else if (Date.now() - lastPrinted >= 5000) {
        lastPrinted = Date.now()
        io.err.write(line + '\n')
      }
    }, 1000).unref()
  })

  terminal.flush()
  io.err.write(`${clearLine(io.err)}stopping (${stopReason})…\n`)
  await ui?.close()
  await controller.disconnect()
  const status = controller.status()
  await controller.dispose()
  terminal.flush()
  // The stats are written even when another output failed: they say what happened.
  for (const failure of await outputs.finish(status ?? undefined))
    if (!outputFailures.includes(failure)) outputFailures.push(failure)
  if (status) io.err.write(formatSummary(status) + '\n')
  let code = 0
  for (const failure of outputFailures) {
    io.err.write(`danmuvoice: ${failure.message}\n`)
    code = 1
  }
  if (options.audio.kind === 'wav' && status && status.player.notPlayed > 0) {
    io.err.write(
      `danmuvoice: ${status.player.notPlayed} line(s) could not be written to ${status.player.sink}${status.player.lastError ? `: ${status.player.lastError}` : ''}\n`
    )
    code = 1
  }
  return code
}

/** The files this run reads, which no output may name. */
/** What the run reads, which no output may overwrite: the config, every replay, the demo. */
function runInputs(options: CliOptions, paths: HeadlessPaths): Record<string, string | undefined> {
  const inputs: Record<string, string | undefined> = { '--config': options.config }
  options.sources.forEach((spec, i) => {
    const colon = spec.indexOf(':')
    const kind = colon === -1 ? spec : spec.slice(0, colon)
    const label = i === 0 ? '' : ` (#${i + 1})`
    if (kind === 'replay') inputs[`--source replay:${label}`] = spec.slice(colon + 1)
    if (kind === 'demo') inputs[`demo session${label}`] = join(paths.assetsDir, DEMO_SESSION_FILE)
  })
  return inputs
}

function clearLine(stream: NodeJS.WriteStream): string {
  return stream.isTTY ? '\r\x1b[2K' : ''
}
