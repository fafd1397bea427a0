import type { EventType, LiveEvent } from '../../shared/events'
import type { LiveSource, SourceContext, SourceStatus } from '../sources/source'

/** A real LiveSource the test drives by hand: `push` emits, `end` finishes the session. */
export class PushSource implements LiveSource {
  readonly kind = 'push'
  #ctx: SourceContext | undefined
  #end: (() => void) | undefined
  #seq = 0
  readonly ready: Promise<void>
  #ready!: () => void

  constructor() {
    this.ready = new Promise((r) => (this.#ready = r))
  }

  run(ctx: SourceContext): Promise<void> {
    this.#ctx = ctx
    this.#ready()
    return new Promise((resolve) => {
      this.#end = resolve
      ctx.signal.addEventListener('abort', () => resolve(), { once: true })
    })
  }

  push(event: Partial<LiveEvent> & { type: EventType }): LiveEvent {
    const seq = ++this.#seq
    // A complete event (id and ts given, as the benchmarks build theirs) goes out as it is: a
    // copy per event would be counted as pipeline cost in the ingest benchmark.
    const full: LiveEvent =
      event.id !== undefined && event.ts !== undefined
        ? (event as LiveEvent)
        : { id: String(7_000_000_000_000_000_000n + BigInt(seq)), ts: Date.now(), ...event }
    if (!this.#ctx) throw new Error('source not started')
    this.#ctx.emit(full)
    return full
  }

  chat(nickname: string, content: string): LiveEvent {
    return this.push({ type: 'chat', user: { id: String(1000 + this.#seq), nickname }, content })
  }

  end(): void {
    this.#end?.()
  }

  status(): SourceStatus {
    return { kind: this.kind, state: 'live', reconnects: 0, decodeErrors: 0 }
  }
}
