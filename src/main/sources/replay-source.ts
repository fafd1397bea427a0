import { accessSync, constants } from 'node:fs'
import { resolve } from 'node:path'
import { playJsonl, type PlaybackCounters } from './jsonl-playback'
import { SourceError, type LiveSource, type SourceOptions, type SourceStatus } from './source'

/** `replay:<file>`: a recorded session (`--events-out`), with its original spacing and timestamps. */
export function createReplaySource(arg: string, options: SourceOptions): LiveSource {
  if (arg === '')
    throw new SourceError('replay-needs-file', 'replay needs a file: --source replay:<file.jsonl>')
  const file = resolve(arg)
  try {
    accessSync(file, constants.R_OK)
  } catch {
    throw new SourceError('replay-missing', `replay file not found or not readable: ${file}`, {
      file
    })
  }
  return new FileSource('replay', file, options.speed, false)
}

/** Shared by replay and demo: a JSONL file played through `playJsonl`. */
export class FileSource implements LiveSource {
  #state: SourceStatus['state'] = 'idle'
  #counters: PlaybackCounters = { lines: 0, events: 0, badLines: 0 }
  #lastEventAt: number | undefined

  constructor(
    readonly kind: string,
    readonly file: string,
    readonly speed: number,
    /** Move timestamps so the session looks live now (demo), or keep them (replay). */
    readonly rebaseToNow: boolean
  ) {}

  async run(ctx: Parameters<LiveSource['run']>[0]): Promise<void> {
    this.#state = 'live'
    let offset: number | undefined
    try {
      await playJsonl(
        this.file,
        {
          ...ctx,
          emit: (event) => {
            this.#lastEventAt = Date.now()
            ctx.emit(event)
          }
        },
        {
          speed: this.speed,
          map: this.rebaseToNow
            ? (event) => {
                offset ??= Date.now() - event.ts
                return { ...event, ts: event.ts + offset }
              }
            : undefined
        },
        this.#counters
      )
      this.#state = 'ended'
    } catch (err) {
      this.#state = 'failed'
      throw new SourceError(
        'replay-unreadable',
        `could not read ${this.file}: ${(err as Error).message}`,
        { file: this.file, errno: (err as NodeJS.ErrnoException).code ?? '' }
      )
    }
  }

  status(): SourceStatus {
    return {
      kind: this.kind,
      state: this.#state,
      lastFrameAgeMs: this.#lastEventAt === undefined ? undefined : Date.now() - this.#lastEventAt,
      reconnects: 0,
      decodeErrors: this.#counters.badLines
    }
  }
}
