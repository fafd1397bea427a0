import type { SynthesisRequest } from '../engine'
import { SpeechEngineError } from './speech-error'

/**
 * A synthesis request that can be cancelled. `TtsEngine.synthesize` takes a plain SynthesisRequest;
 * the engines here also honour `signal`, which the resilience layer uses to abort a slow call.
 */
export interface AbortableSynthesisRequest extends SynthesisRequest {
  signal?: AbortSignal
}

/** espeak-ng's normal speed in words per minute: the unit of `SynthesisRequest.rate`. */
export const NORMAL_RATE_WPM = 175

/** `rate` (words per minute) as a speed factor (1 = normal), clamped to what the engine accepts. */
export function speedFactor(rate: number, min: number, max: number): number {
  const factor = Number.isFinite(rate) && rate > 0 ? rate / NORMAL_RATE_WPM : 1
  return Math.min(max, Math.max(min, Math.round(factor * 100) / 100))
}

/** An Error named `TimeoutError`, the name AbortSignal.timeout() uses, so every layer reads it alike. */
export function timeoutError(ms: number): Error {
  const err = new Error(`no complete answer within ${ms} ms`)
  err.name = 'TimeoutError'
  return err
}

/** One call in flight: its signal fires on the engine's timeout, the caller's abort, or dispose. */
export interface Call {
  readonly signal: AbortSignal
  /** Releases the timer and listeners; call exactly once, in `finally`. */
  end(): void
}

/**
 * The calls an engine has in flight, so `dispose()` can abort them all and a per-call timeout needs
 * no bookkeeping in each engine.
 */
export class CallScope {
  readonly #live = new Set<AbortController>()
  #disposed = false

  constructor(private readonly engine: string) {}

  get size(): number {
    return this.#live.size
  }

  /** Starts a call limited to `timeoutMs` and to `outer` (the caller's signal). */
  begin(timeoutMs: number, outer?: AbortSignal): Call {
    if (this.#disposed)
      throw new SpeechEngineError(this.engine, 'unavailable', 'engine was disposed', {
        code: 'stopped'
      })
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs)
    const onOuterAbort = () => controller.abort(outer?.reason)
    if (outer?.aborted) controller.abort(outer.reason)
    else outer?.addEventListener('abort', onOuterAbort, { once: true })
    this.#live.add(controller)
    return {
      signal: controller.signal,
      end: () => {
        clearTimeout(timer)
        outer?.removeEventListener('abort', onOuterAbort)
        this.#live.delete(controller)
      }
    }
  }

  /** Aborts every call in flight and refuses new ones. */
  dispose(): void {
    this.#disposed = true
    for (const controller of this.#live) controller.abort(new Error('engine disposed'))
    this.#live.clear()
  }
}
