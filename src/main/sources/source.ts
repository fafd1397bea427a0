import type { LiveEvent } from '../../shared/events'
import type { SourceStatus } from '../../shared/status'
import { sleep } from '../../shared/clock'
import type { Log } from '../../shared/log'

export type { SourceState, SourceStatus } from '../../shared/status'

/**
 * A comment source: anything that turns a live room (or a recording of one) into LiveEvents.
 * The listener component runs exactly one source at a time; a source never touches the queues itself.
 */
export interface LiveSource {
  /** The source kind: `demo`, `replay`, `douyin`, `relay`. */
  readonly kind: string
  /**
   * Runs the session. Emits events through `ctx.emit` until the session ends (resolve), the signal
   * aborts (resolve promptly, no more emits), or it fails for good (reject with a SourceError).
   * Transient failures (a dropped socket) are the source's own business: reconnect and report status.
   */
  run(ctx: SourceContext): Promise<void>
  /** A snapshot for the UI and `--stats-out`. Cheap; called a few times a second. */
  status(): SourceStatus
}

export interface SourceContext {
  emit(event: LiveEvent): void
  /** Human-readable log line (the pipeline's logger decides where it goes). */
  log: Log
  readonly signal: AbortSignal
}

/** Options every source factory receives; a kind's own options travel beside them (SourceSetup). */
export interface SourceOptions {
  /** Time compression for recorded sources; `Infinity` = as fast as possible. */
  speed: number
  /** Where sources that need files (samples) find them. */
  assetsDir: string
}

/**
 * A failure the user must act on (bad file, room not found). The UI words it from `code` and
 * `params`; the message is for the command line and logs.
 */
export class SourceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {}
  ) {
    super(message)
    this.name = 'SourceError'
  }
}

/**
 * Waits `ms` (any length, Infinity: until aborted), ending at once, without an error, when the
 * signal aborts: a source loop checks its signal after every wait.
 */
export function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, signal).catch(() => {})
}
