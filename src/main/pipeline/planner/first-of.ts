import { Emitter } from '../../../shared/emitter'
import { Disposable } from '../../../shared/lifecycle'
import type { LineSource, LinesDropped, SpokenLine } from './spoken-line'

/**
 * Several line sources read as one, in order: the speech planner first, then the plain queue. Only
 * one of them is fed at a time (by the `plan.enabled` setting); reading both means lines left in
 * one when the streamer switches are still spoken, not lost.
 */
export class FirstOf extends Disposable implements LineSource {
  readonly #onDidChange = this._register(new Emitter<void>())
  readonly #onDidDrop = this._register(new Emitter<LinesDropped>())
  readonly onDidChange = this.#onDidChange.event
  readonly onDidDrop = this.#onDidDrop.event

  constructor(private readonly sources: readonly LineSource[]) {
    super()
    for (const s of sources) {
      this._register(s.onDidChange(() => this.#onDidChange.fire()))
      this._register(s.onDidDrop((d) => this.#onDidDrop.fire(d)))
    }
  }

  get size(): number {
    return this.sources.reduce((n, s) => n + s.size, 0)
  }

  take(now: number): SpokenLine | undefined {
    for (const source of this.sources) {
      const line = source.take(now)
      if (line) return line
    }
    return undefined
  }

  upcoming(n: number): SpokenLine[] {
    const out: SpokenLine[] = []
    for (const source of this.sources) {
      if (out.length >= n) break
      out.push(...source.upcoming(n - out.length))
    }
    return out
  }

  prepareNext(now: number): void {
    for (const source of this.sources) source.prepareNext(now)
  }

  clear(reason: 'cleared' | 'shutdown'): number {
    return this.sources.reduce((n, s) => n + s.clear(reason), 0)
  }

  dropStale(now: number): number {
    return this.sources.reduce((n, s) => n + s.dropStale(now), 0)
  }
}
