import { createWriteStream, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Settings } from '../../shared/settings'
import { Pipeline } from '../pipeline/pipeline'
import { createSource } from '../sources/source-registry'
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './cli-args'
import { JsonlWriter } from './jsonl-writer'
import { ConfigError, loadConfigFile } from './load-config'
import { formatStatusLine, formatSummary } from './status-line'

export interface HeadlessPaths {
  workerDir: string
  assetsDir: string
}

interface Io {
  out: NodeJS.WriteStream
  err: NodeJS.WriteStream
}

/** The headless CLI: flags → pipeline → exit code (0 done, 1 runtime failure, 2 bad input). */
export async function runHeadless(argv: string[], paths: HeadlessPaths, io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let options: CliOptions
  let settings: Settings
  let pipeline: Pipeline
  try {
    options = parseCliArgs(argv)
    if (options.help) {
      io.out.write(USAGE + '\n')
      return 0
    }
    settings = loadConfigFile(options.config)
    const source = createSource(options.source, { speed: options.speed, assetsDir: paths.assetsDir })
    pipeline = new Pipeline({ settings, source, workerDir: paths.workerDir, audio: options.audio, audioPace: options.audioPace, drainMs: options.drainSec * 1000 })
  } catch (err) {
    const message = (err as Error).message
    io.err.write(`danmuvoice: ${message}\n`)
    if (err instanceof UsageError) io.err.write(`\n${USAGE}\n`)
    return err instanceof UsageError || err instanceof ConfigError || (err as Error).name === 'SourceError' || message.startsWith('unknown source') ? 2 : 1
  }

  const eventsOut = options.eventsOut ? new JsonlWriter(options.eventsOut) : undefined
  const speechOut = options.speechOut ? new JsonlWriter(options.speechOut) : undefined
  if (eventsOut) pipeline.onEvent(({ event }) => eventsOut.write(event))
  if (speechOut) pipeline.onSpeech((record) => speechOut.write(record))
  const logFile = options.logFile ? createWriteStream(resolve(options.logFile), { flags: 'a' }) : undefined
  pipeline.onLog(({ level, message }) => {
    logFile?.write(`${new Date().toISOString()} [${level}] ${message}\n`)
    // Drops are many in a busy room: they go to the log file and --speech-out, not the console.
    if (level !== 'info' || !message.startsWith('dropped')) io.err.write(`${clearLine(io.err)}[${level}] ${message}\n`)
  })

  let stopReason = ''
  const done = new Promise<void>((resolveDone) => {
    const finish = (reason: string) => {
      if (stopReason) return
      stopReason = reason
      resolveDone()
    }
    process.once('SIGINT', () => finish('interrupted'))
    process.once('SIGTERM', () => finish('terminated'))
    if (options.durationSec !== undefined) setTimeout(() => finish(`duration ${options.durationSec} s reached`), options.durationSec * 1000).unref()
    if (options.exitWhenIdleSec !== undefined) {
      let idleSince: number | undefined
      setInterval(() => {
        if (!pipeline.isIdle()) return void (idleSince = undefined)
        idleSince ??= Date.now()
        if (Date.now() - idleSince >= options.exitWhenIdleSec! * 1000) finish('idle')
      }, 50).unref()
    }
  })

  const tty = io.err.isTTY === true
  let lastPrinted = 0
  const ticker = setInterval(() => {
    if (options.quiet) return
    const line = formatStatusLine(pipeline.status())
    if (tty) io.err.write(`\r\x1b[2K${line}`)
    else if (Date.now() - lastPrinted >= 5000) {
      lastPrinted = Date.now()
      io.err.write(line + '\n')
    }
  }, 1000)
  ticker.unref()

  // A timer keeps the process alive while the pipeline (whose timers are unref'd) runs.
  const keepAlive = setInterval(() => {}, 60_000)
  try {
    await pipeline.start()
    await done
  } finally {
    clearInterval(ticker)
    if (tty) io.err.write(clearLine(io.err))
    io.err.write(`stopping (${stopReason})…\n`)
    await pipeline.stop()
    clearInterval(keepAlive)
  }
  const status = pipeline.status()
  await Promise.all([eventsOut?.close(), speechOut?.close(), new Promise((r) => (logFile ? logFile.end(r) : r(undefined)))])
  if (options.statsOut) writeFileSync(resolve(options.statsOut), JSON.stringify(status, null, 2) + '\n')
  pipeline.dispose()
  io.err.write(formatSummary(status) + '\n')
  return 0
}

function clearLine(stream: NodeJS.WriteStream): string {
  return stream.isTTY ? '\r\x1b[2K' : ''
}
