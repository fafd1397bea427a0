import type { DropReason, SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { RateMeter, RecentWindow, SampleWindow } from './metrics'

/** The pipeline's books: lines spoken, drops by reason, latency percentiles and rates. */
export class SpeechLedger {
  readonly #drops: Partial<Record<DropReason, number>> = {}
  readonly #latency = {
    miss: new SampleWindow(),
    hit: new SampleWindow(),
    all: new SampleWindow(),
    recent: new RecentWindow(60_000)
  }
  readonly #rates = { eventsIn: new RateMeter(), spoken: new RateMeter() }
  queued = 0
  spoken = 0
  dropped = 0

  eventIn(): void {
    this.#rates.eventsIn.mark()
  }

  /** Counts a spoken line (with its latency) or a dropped one. */
  record(record: SpeechRecord): void {
    if (record.dropped) return this.drop(record.dropped)
    this.spoken++
    this.#rates.spoken.mark()
    if (record.startedAt === undefined) return
    const latency = record.startedAt - record.receivedAt
    this.#latency[record.cache].add(latency)
    this.#latency.all.add(latency)
    this.#latency.recent.add(latency)
  }

  drop(reason: DropReason): void {
    this.dropped++
    this.#drops[reason] = (this.#drops[reason] ?? 0) + 1
  }

  snapshot(): Pick<PipelineStatus, 'drops' | 'latency' | 'rates'> {
    const l = this.#latency
    return {
      drops: { ...this.#drops },
      latency: {
        miss: l.miss.percentiles(),
        hit: l.hit.percentiles(),
        all: l.all.percentiles(),
        recent: l.recent.percentiles()
      },
      rates: { eventsIn: this.#rates.eventsIn.perSecond(), spoken: this.#rates.spoken.perSecond() }
    }
  }
}
