import type { AudioClip } from '../../../shared/speech'

export interface SynthesisRequest {
  text: string
  /** Engine voice name; empty = the engine's default Mandarin voice. */
  voice: string
  /** Words per minute. */
  rate: number
  /** Told what runs this synthesis (`pid 4711`), for the task view; engines may ignore it. */
  onWorker?: (worker: string) => void
}

/** A speech engine. `synthesize` may run in parallel up to the TTS pool's size. */
export interface TtsEngine {
  readonly name: string
  /** The voice used when the request leaves it empty. */
  readonly defaultVoice: string
  /** Human-readable: what it is and why it was chosen. */
  readonly description: string
  synthesize(request: SynthesisRequest): Promise<AudioClip>
  /** Live worker threads, for engines that use threads. */
  threads?(): number
  dispose(): Promise<void>
}

/** Tests and tools subclass-free hook: counts every real synthesis (cache misses). */
export class CountingEngine implements TtsEngine {
  synthesized = 0
  constructor(readonly inner: TtsEngine) {}
  get name() {
    return this.inner.name
  }
  get defaultVoice() {
    return this.inner.defaultVoice
  }
  get description() {
    return this.inner.description
  }
  synthesize(request: SynthesisRequest): Promise<AudioClip> {
    this.synthesized++
    return this.inner.synthesize(request)
  }
  threads() {
    return this.inner.threads?.() ?? 0
  }
  dispose() {
    return this.inner.dispose()
  }
}
