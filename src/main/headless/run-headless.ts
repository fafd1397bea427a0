import { createWriteStream, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { canonicalEvent } from '../../shared/events'
import { AppController } from '../app/app-controller'
import { serveUi } from '../bridge/serve-ui'
import type { UiServer } from '../bridge/ui-server'
import { SettingsStore } from '../settings/settings-store'
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './cli-args'
import { prepareWavOutput, WavOutputError } from '../files/prepare-wav-output'
import { JsonlWriter } from './jsonl-writer'
import { ConfigError, loadConfigFile } from './load-config'
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
  let dataDir: string | undefined
  try {
    options = parseCliArgs(argv)
    if (options.help) {
      io.out.write(USAGE + '\n')
      return 0
    }
    const initial = loadConfigFile(options.config)
    if (options.audio.kind === 'wav') prepareWavOutput(resolve(options.audio.file))
    // --config is read-only; otherwise settings persist in the data folder (browser mode, or --data-dir).
    dataDir = options.dataDir ?? (options.ui !== undefined ? defaultDataDir() : undefined)
    recordingsDir = resolve(
      options.recordingsDir ?? (dataDir ? join(dataDir, 'recordings') : 'recordings')
    )
    store = new SettingsStore(
      options.config || !dataDir ? undefined : join(resolve(dataDir), 'settings.json'),
      initial
    )
  } catch (err) {
    io.err.write(`danmuvoice: ${(err as Error).message}\n`)
    if (err instanceof UsageError) io.err.write(`\n${USAGE}\n`)
    return err instanceof UsageError || err instanceof ConfigError || err instanceof WavOutputError
      ? 2
      : 1
  }
  if (store.loadNotice) io.err.write(`[warn] ${store.loadNotice.message}\n`)

  const controller = new AppController({
    store,
    workerDir: paths.workerDir,
    sourceOptions: { speed: options.speed, assetsDir: paths.assetsDir, extra: options.sourceExtra },
    audio: options.audio,
    audioPace: options.audioPace,
    recordingsDir,
    drainMs: options.drainSec * 1000
  })
  const eventsOut = options.eventsOut ? new JsonlWriter(options.eventsOut) : undefined
  const speechOut = options.speechOut ? new JsonlWriter(options.speechOut) : undefined
  const logFile = options.logFile
    ? createWriteStream(resolve(options.logFile), { flags: 'a' })
    : undefined
  if (eventsOut) controller.onEvent(({ event }) => eventsOut.write(canonicalEvent(event)))
  if (speechOut) controller.onSpeech((record) => speechOut.write(record))
  controller.onLog(({ level, message }) => {
    logFile?.write(`${new Date().toISOString()} [${level}] ${message}\n`)
    // Drops are many in a busy room: they go to the log file and --speech-out, not the console.
    if (level !== 'info' || !message.startsWith('dropped'))
      io.err.write(`${clearLine(io.err)}[${level}] ${message}\n`)
  })

  const session = await controller.connect(options.source)
  if (session.error) {
    io.err.write(`danmuvoice: ${session.error}\n`)
    await controller.dispose()
    return 2
  }

  let ui: UiServer | undefined
  if (options.ui !== undefined) {
    // `--ui` alone: the port in settings (the OBS link stays the same across restarts).
    const fromSettings = options.ui === 'settings'
    const port = fromSettings ? store.settings.overlay.port : (options.ui as number)
    try {
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
      setTimeout(
        () => finish(`duration ${options.durationSec} s reached`),
        options.durationSec * 1000
      ).unref()
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

  io.err.write(`${clearLine(io.err)}stopping (${stopReason})…\n`)
  await ui?.close()
  await controller.disconnect()
  const status = controller.status()
  await controller.dispose()
  await Promise.all([
    eventsOut?.close(),
    speechOut?.close(),
    new Promise((r) => (logFile ? logFile.end(r) : r(undefined)))
  ])
  if (status) {
    if (options.statsOut)
      writeFileSync(resolve(options.statsOut), JSON.stringify(status, null, 2) + '\n')
    io.err.write(formatSummary(status) + '\n')
  }
  return 0
}

function clearLine(stream: NodeJS.WriteStream): string {
  return stream.isTTY ? '\r\x1b[2K' : ''
}
