import type { AudioClip } from '../../../../shared/speech'
import type { TtsEngine } from '../engine'
import type { AbortableSynthesisRequest } from '../engines/call-scope'
import { abortedError } from '../engines/speech-error'
import { toneClip } from './test-audio'

/**
 * What a scripted call does: `ok` answers a short tone; `hang` waits until its signal fires (a
 * well-behaved engine); `hang-deaf` never settles, ignoring its signal (a badly behaved one); an
 * Error is thrown as is.
 */
export type ScriptStep = 'ok' | 'hang' | 'hang-deaf' | Error

/** A fake engine that follows a script, for resilience tests: no I/O, fully deterministic. */
export class ScriptedEngine implements TtsEngine {
  readonly defaultVoice = 'scripted-voice'
  readonly description: string
  readonly calls: AbortableSynthesisRequest[] = []
  readonly #script: ScriptStep[] = []
  #default: ScriptStep = 'ok'
  #inFlight = 0
  /** Most calls in flight at one time. */
  maxInFlight = 0
  disposed = false

  constructor(
    readonly name: string,
    /** The clip `ok` answers with. */
    readonly clip: AudioClip = toneClip(50)
  ) {
    this.description = `scripted engine ${name}`
  }

  /** The next calls do these, in order; after them, `set`'s default. */
  queue(...steps: ScriptStep[]): this {
    this.#script.push(...steps)
    return this
  }

  set(step: ScriptStep): this {
    this.#default = step
    return this
  }

  get inFlight(): number {
    return this.#inFlight
  }

  synthesize(request: AbortableSynthesisRequest): Promise<AudioClip> {
    this.calls.push(request)
    const step = this.#script.shift() ?? this.#default
    this.#inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight)
    const done = () => this.#inFlight--
    const result = new Promise<AudioClip>((resolve, reject) => {
      if (step === 'ok') return resolve(this.clip)
      if (step instanceof Error) return reject(step)
      if (step === 'hang-deaf') return
      const signal = request.signal
      if (!signal) return
      if (signal.aborted) return reject(abortedError(this.name, signal))
      signal.addEventListener('abort', () => reject(abortedError(this.name, signal)), {
        once: true
      })
    })
    result.then(done, done)
    return result
  }

  async dispose(): Promise<void> {
    this.disposed = true
  }
}
