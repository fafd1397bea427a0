import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseLiveEvent, type LiveEvent } from '../../shared/events'
import { sleep, type SourceContext } from './source'

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
}

/**
 * Streams a JSONL event file (the `--events-out` format) to `ctx.emit`, keeping the recorded spacing
 * between events divided by `speed`. A bad line is counted, logged with its number, and skipped.
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
  let previousTs: number | undefined
  try {
    for await (const line of lines) {
      if (ctx.signal.aborted) return
      counters.lines++
      if (line.trim() === '') continue
      let parsed: ReturnType<typeof parseLiveEvent>
      try {
        parsed = parseLiveEvent(JSON.parse(line))
      } catch (err) {
        parsed = { ok: false, error: `not JSON (${(err as Error).message})` }
      }
      if (!parsed.ok) {
        counters.badLines++
        ctx.log('warn', `${file}:${counters.lines}: skipped a bad line: ${parsed.error}`)
        continue
      }
      const event = parsed.event
      if (previousTs !== undefined && Number.isFinite(options.speed)) {
        const gap = Math.min(Math.max(0, event.ts - previousTs), maxGap) / options.speed
        if (gap >= 1) await sleep(gap, ctx.signal)
        if (ctx.signal.aborted) return
      }
      previousTs = event.ts
      counters.events++
      ctx.emit(options.map ? options.map(event) : event)
    }
  } finally {
    lines.close()
    input.destroy()
  }
}
