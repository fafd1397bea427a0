import { parseArgs } from 'node:util'
import { parseSinkSpec, type SinkSpec } from '../../shared/player-protocol'
import type { DouyinOptions } from '../sources/douyin/douyin-options'

export interface CliOptions {
  /** The first room's source spec. */
  source: string
  /** Every `--source` given, in order (several rooms at once); at least one. */
  sources: string[]
  speed: number
  eventsOut?: string
  speechOut?: string
  statsOut?: string
  logFile?: string
  audio: SinkSpec
  audioPace: 'realtime' | 'fast'
  exitWhenIdleSec?: number
  durationSec?: number
  drainSec: number
  config?: string
  /** Serve the browser UI on this port (0 = any free port), or on the port in settings. */
  ui?: number | 'settings'
  dataDir?: string
  /** Folder for recordings (`audio.recordFile`). */
  recordingsDir?: string
  /** The Douyin source's own options (endpoints, mode, cookie, browser). */
  douyin: DouyinOptions
  quiet: boolean
  help: boolean
}

export const USAGE = `Usage: npm run headless -- [options]

Runs the DanmuVoice pipeline without a window: a live room (or a recording) read aloud.

  --source <spec>        demo (default) | replay:<file.jsonl> | douyin:<live URL or ID>
                         | relay:<ws url> (BarrageGrab, default ws://127.0.0.1:8888);
                         give it several times to read several rooms at once
  --douyin-mode <m>      direct | capture (read the live page in a browser) | auto (default:
                         direct, then capture after repeated handshake failures)
  --douyin-base <url>    replaces https://live.douyin.com (cookie, page, API); for proxies and tests
  --douyin-ws <url>      replaces the push WebSocket URL before its query string
  --douyin-cookie <c>    your own Douyin login cookie, for rooms that need a login
  --douyin-share-base <url>  replaces https://v.douyin.com when a short link is followed (tests)
  --browser-path <file>  Chromium/Chrome/Edge for page capture (default /usr/bin/chromium)
  --speed <factor|max>   time compression for demo/replay (default 1; max = as fast as possible)
  --audio <sink>         speaker (default) | wav:<file> | null
  --audio-pace <pace>    realtime (default): wav/null sinks take as long as the audio lasts;
                         fast: they do not wait (tests, benchmarks)
  --events-out <file>    write every event received, one JSON line each (replayable)
  --speech-out <file>    write every line of speech, spoken or dropped, one JSON line each
  --stats-out <file>     write the final status snapshot as JSON
  --log-file <file>      write every log line, each drop with its reason included
  --config <file>        settings JSON (same schema as the desktop app)
  --exit-when-idle <s>   exit 0 once the source has ended and all queues were empty for s seconds
  --duration <s>         stop gracefully after s seconds
  --drain <s>            on stop, keep speaking what is queued for up to s seconds (default 5)
  --ui [port]            serve the dashboard and an OBS overlay on 127.0.0.1 and print their
                         URLs: on the port in settings (overlay.port, default 17788; a free one
                         when it is taken), or on the given port (0 = any free port)
  --data-dir <dir>       where settings are kept (browser mode default: ~/.config/danmuvoice)
  --recordings-dir <dir> where recordings (settings: audio.recordFile) are saved
                         (default: <data dir>/recordings, else ./recordings)
  --quiet                no live status line
  -h, --help             this text

Exit codes: 0 done, 1 failed at run time, 2 bad flags or settings.`

export class UsageError extends Error {}

/** A year: longer runs are refused (timers this long are certainly a typo). */
const MAX_SECONDS = 365 * 24 * 3600
/** Slowest replay: 100 times slower than recorded. Anything slower is a typo, not a plan. */
export const MIN_SPEED = 0.01

function seconds(
  flag: string,
  value: string | undefined,
  min = 0,
  max = MAX_SECONDS
): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(
      `${flag} expects a number of seconds from ${min} to ${max}, got "${value}"`
    )
  return n
}

/** Parses argv; throws UsageError (exit 2) for unknown flags and bad values. */
export function parseCliArgs(argv: string[]): CliOptions {
  // `--ui` takes an optional port, which parseArgs cannot express: lift it out first.
  let ui: number | 'settings' | undefined
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const inline = arg.startsWith('--ui=') ? arg.slice(5) : undefined
    if (arg !== '--ui' && inline === undefined) {
      rest.push(arg)
      continue
    }
    const next =
      inline ?? (argv[i + 1] !== undefined && /^\d+$/.test(argv[i + 1]!) ? argv[++i] : undefined)
    const port = next === undefined ? undefined : Number(next)
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
      throw new UsageError(`--ui expects a port number 0–65535, got "${next}"`)
    ui = port ?? 'settings'
  }
  argv = rest
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        source: { type: 'string', multiple: true },
        speed: { type: 'string' },
        audio: { type: 'string' },
        'audio-pace': { type: 'string' },
        'events-out': { type: 'string' },
        'speech-out': { type: 'string' },
        'stats-out': { type: 'string' },
        'log-file': { type: 'string' },
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        'recordings-dir': { type: 'string' },
        'douyin-mode': { type: 'string' },
        'douyin-base': { type: 'string' },
        'douyin-ws': { type: 'string' },
        'douyin-cookie': { type: 'string' },
        'douyin-share-base': { type: 'string' },
        'browser-path': { type: 'string' },
        'exit-when-idle': { type: 'string' },
        duration: { type: 'string' },
        drain: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const v = parsed.values
  let speed = 1
  if (v.speed !== undefined) {
    speed = v.speed === 'max' ? Infinity : Number(v.speed)
    if (!(speed >= MIN_SPEED) || Number.isNaN(speed) || v.speed.trim() === '')
      throw new UsageError(
        `--speed expects a positive number (at least ${MIN_SPEED}) or "max", got "${v.speed}"`
      )
  }
  let audio: SinkSpec
  try {
    audio = parseSinkSpec(v.audio ?? 'speaker')
  } catch (err) {
    throw new UsageError(`--audio: ${(err as Error).message}`)
  }
  const pace = v['audio-pace'] ?? 'realtime'
  if (pace !== 'realtime' && pace !== 'fast')
    throw new UsageError(`--audio-pace expects realtime or fast, got "${pace}"`)
  const mode = v['douyin-mode']
  if (mode !== undefined && !['direct', 'capture', 'auto'].includes(mode))
    throw new UsageError(`--douyin-mode expects direct, capture or auto, got "${mode}"`)
  for (const [flag, scheme] of [
    ['douyin-base', /^https?:\/\//],
    ['douyin-share-base', /^https?:\/\//],
    ['douyin-ws', /^wss?:\/\//]
  ] as const) {
    const value = v[flag]
    if (value !== undefined && (!scheme.test(value) || !URL.canParse(value)))
      throw new UsageError(
        `--${flag} expects a ${flag === 'douyin-ws' ? 'ws(s)' : 'http(s)'} URL, got "${value}"`
      )
  }
  const sources = v.source ?? ['demo']
  if (sources.some((spec) => spec.trim() === '')) throw new UsageError('--source needs a value')
  if (sources.length > 20) throw new UsageError('--source: at most 20 rooms at once')
  for (const flag of [
    'events-out',
    'speech-out',
    'stats-out',
    'log-file',
    'config',
    'data-dir',
    'recordings-dir'
  ] as const) {
    if (v[flag] !== undefined && v[flag].trim() === '')
      throw new UsageError(`--${flag} needs a value`)
  }
  return {
    source: sources[0]!,
    sources,
    speed,
    eventsOut: v['events-out'],
    speechOut: v['speech-out'],
    statsOut: v['stats-out'],
    logFile: v['log-file'],
    audio,
    audioPace: pace,
    exitWhenIdleSec: seconds('--exit-when-idle', v['exit-when-idle']),
    durationSec: seconds('--duration', v.duration, 0.001),
    // The drain deadline is one timer: keep it well inside what a timer can hold.
    drainSec: seconds('--drain', v.drain, 0, 3600) ?? 5,
    config: v.config,
    ui,
    dataDir: v['data-dir'],
    recordingsDir: v['recordings-dir'],
    douyin: {
      mode,
      base: v['douyin-base'],
      ws: v['douyin-ws'],
      cookie: v['douyin-cookie'],
      shareBase: v['douyin-share-base'],
      browserPath: v['browser-path']
    },
    quiet: v.quiet ?? false,
    help: v.help ?? false
  }
}
