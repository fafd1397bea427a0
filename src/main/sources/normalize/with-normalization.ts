import type { LiveSource, SourceContext, SourceStatus } from '../source'
import { EventNormalizer, type NormalizeCounters, type NormalizeOptions } from './event-normalizer'

/** A source's status plus what normalisation did (an extra field the UI may show). */
export interface NormalizedStatus extends SourceStatus {
  normalize?: NormalizeCounters
}

/**
 * Wraps a source so everything it emits goes through an EventNormalizer. When the inner run ends
 * (not aborted), pending combos and likes are flushed; on abort they are dropped, since a stopped
 * source must not emit.
 */
export function withNormalization(source: LiveSource, options: NormalizeOptions = {}): LiveSource {
  let current: EventNormalizer | undefined
  let last: NormalizeCounters | undefined
  return {
    kind: source.kind,
    async run(ctx: SourceContext): Promise<void> {
      const normalizer = new EventNormalizer((event) => {
        if (!ctx.signal.aborted) ctx.emit(event)
      }, options)
      current = normalizer
      try {
        await source.run({
          emit: (event) => normalizer.push(event),
          log: ctx.log,
          signal: ctx.signal
        })
        if (!ctx.signal.aborted) normalizer.flush()
      } catch (err) {
        // Gifts already received are real; announce them before reporting the failure.
        if (!ctx.signal.aborted) normalizer.flush()
        throw err
      } finally {
        last = normalizer.counters
        normalizer.dispose()
        current = undefined
      }
    },
    status(): NormalizedStatus {
      return { ...source.status(), normalize: current?.counters ?? last }
    }
  }
}
