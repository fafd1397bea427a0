import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseLiveEvent, type LiveEvent } from '../../shared/events'
import { waitOrAbort, type SourceContext } from './source'

export interface PlaybackCounters {
  lines: number
  events: number
  badLines: number
}

export interface PlaybackOptions {
  /** Time compression; Infinity = no waiting. */
  speed: number
  /** Rewrites each event before it is emitted (the demo moves timestamps to now). */
  map?: (event: LiveEvent) => LiveEvent
  /** Longest single wait, so a recording with an hour-long gap does not look hung. */
  maxGapMs?: number
  /** Bad lines logged one by one; the rest are counted and summed up at the end. @default 10 */
  badLinesLogged?: number
}

/** A bad line quoted in a log: short, and with raw bytes escaped. */
const MAX_QUOTE = 80

/**
 * Streams a JSONL event file (the `--events-out` format) to `ctx.emit`, keeping the recorded spacing
 * between events divided by `speed`. Events are scheduled against one timeline (recorded time ÷
 * speed from the start), not gap by gap, so small waits cannot add up to a drift: a replay at
 * thousands of events per second stays on time. A bad line is counted and skipped; the first few
 * are logged with their number, the rest summed up once, so a corrupt file cannot flood the log.
 */
export async function playJsonl(
  file: string,
  ctx: SourceContext,
  options: PlaybackOptions,
  counters: PlaybackCounters
): Promise<void> {
  const input = createReadStream(file, { encoding: 'utf8' })
  const lines = createInterface({ input, crlfDelay: Infinity })
  const maxGap = options.maxGapMs ?? 60_000
  const logged = options.badLinesLogged ?? 10
  let previousTs: number | undefined
  /** Recorded time since the first event, gaps capped at maxGap. */
  let timeline = 0
  let startedAt: number | undefined
  try {
    for await (const line of lines) {
      if (ctx.signal.aborted) return
      counters.lines++
      if (line.trim() === '') continue
      let parsed: ReturnType<typeof parseLiveEvent>
      try {
        parsed = parseLiveEvent(JSON.parse(line))
      } catch (err) {
        parsed = { ok: false, error: `not JSON (${(err as Error).message.slice(0, MAX_QUOTE)})` }
      }
      if (!parsed.ok) {
        counters.badLines++
        if (counters.badLines <= logged)
          ctx.log('warn', `${file}:${counters.lines}: skipped a bad line: ${parsed.error}`)
        continue
      }
      const event = parsed.event
      if (previousTs !== undefined) timeline += Math.min(Math.max(0, event.ts - previousTs), maxGap)
      previousTs = event.ts
      if (Number.isFinite(options.speed)) {
        startedAt ??= Date.now()
        const wait = startedAt + timeline / options.speed - Date.now()
        if (wait >= 1) await waitOrAbort(wait, ctx.signal)
        if (ctx.signal.aborted) return
      }
      counters.events++
      ctx.emit(options.map ? options.map(event) : event)
    }
  } finally {
    lines.close()
    input.destroy()
    if (counters.badLines > logged)
      ctx.log(
        'warn',
        `${file}: skipped ${counters.badLines.toLocaleString('en-US')} bad lines in all (the first ${logged} are logged above)`
      )
  }
}
