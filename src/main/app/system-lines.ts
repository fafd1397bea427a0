import type { EventType } from '../../shared/events'
import type { PipelineStatus } from '../../shared/status'
import type { Pipeline } from '../pipeline/pipeline'

const REMEMBERED = 200

/**
 * The app's own lines (test voice, backlog alerts) are labelled as such wherever they show. Queued
 * lines carry the flag; the line being spoken does not (status().nowPlaying), so the ids of flagged
 * lines seen in the queue are remembered to label it.
 */
export class SystemLines {
  readonly #ids = new Set<string>()

  mark(eventId: string): void {
    this.#ids.add(eventId)
    if (this.#ids.size > REMEMBERED) this.#ids.delete(this.#ids.values().next().value!)
  }

  /** Remembers the flagged lines about to be spoken (a few times a second). */
  scan(pipeline: Pipeline | undefined): void {
    for (const line of pipeline?.text.peek(20) ?? []) if (line.system) this.mark(line.eventId)
  }

  /** Lines waiting per type, the app's own as `system`; remembers the flagged ones' ids. */
  waitingByType(pipeline: Pipeline | undefined): Partial<Record<EventType | 'system', number>> {
    const out: Partial<Record<EventType | 'system', number>> = {}
    if (!pipeline) return out
    for (const line of pipeline.text.peek(pipeline.text.size)) {
      if (line.system) this.mark(line.eventId)
      const key = line.system ? 'system' : line.type
      out[key] = (out[key] ?? 0) + 1
    }
    return out
  }

  /** The status with the line being spoken labelled when it is one of the app's own. */
  label(status: PipelineStatus | null): PipelineStatus | null {
    const now = status?.nowPlaying
    if (!status || !now || !this.#ids.has(now.eventId)) return status
    return { ...status, nowPlaying: { ...now, system: true } as typeof now }
  }
}
