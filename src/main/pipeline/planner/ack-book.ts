import type { LineType } from '../../../shared/speech'
import type { Percentiles } from '../../../shared/status'
import { RecentWindow } from '../metrics'
import type { SpokenLine } from './spoken-line'

/** Per type: how long events waited for the line that acknowledged them. */
export interface AckStatus {
  /** Arrival → start of the acknowledging line, ms, over the last 60 s. */
  lag: Percentiles
  /** Events acknowledged since the start. */
  acknowledged: number
}

/**
 * The acknowledgement books: for every event a played line covered, the lag from its arrival to
 * the start of that line, per type, over a sliding minute (what the dashboard shows per type).
 */
export class AckBook {
  readonly #lags = new Map<LineType, RecentWindow>()
  readonly #counts = new Map<LineType, number>()

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now
  ) {}

  /** `line` started playing at `startedAt` and played to its end. */
  acknowledge(line: SpokenLine, startedAt: number): void {
    if (line.system) return
    for (const draft of line.drafts) {
      let window = this.#lags.get(draft.type)
      if (!window) {
        window = new RecentWindow(this.windowMs, this.now)
        this.#lags.set(draft.type, window)
      }
      window.add(Math.max(0, startedAt - draft.receivedAt))
      this.#counts.set(draft.type, (this.#counts.get(draft.type) ?? 0) + 1)
    }
  }

  status(): Partial<Record<LineType, AckStatus>> {
    const out: Partial<Record<LineType, AckStatus>> = {}
    for (const [type, window] of this.#lags) {
      out[type] = { lag: window.percentiles(), acknowledged: this.#counts.get(type) ?? 0 }
    }
    return out
  }
}
