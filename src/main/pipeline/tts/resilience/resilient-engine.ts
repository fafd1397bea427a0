import { AsyncDisposable, toDisposable } from '../../../../shared/lifecycle'
import type { AudioClip } from '../../../../shared/speech'
import type { SynthesisRequest, TtsEngine } from '../engine'
import type { AbortableSynthesisRequest } from '../engines/call-scope'
import { describeError, isAbortError, SpeechEngineError } from '../engines/speech-error'
import { backoffDelay } from '../../../../shared/backoff'
import { CircuitBreaker } from './circuit-breaker'
import { sleep, systemClock, type Clock } from '../../../../shared/clock'
import { EngineRecord, isTimeout } from './engine-record'
import { ConcurrencyGate } from '../../../scaling/concurrency-gate'
import { withTimeout } from './timeout'
import type {
  EngineTestResult,
  ResilienceEvent,
  ResilientEngineOptions,
  ResilientEngineStatus,
  SpeechOutcome,
  SpokenClip
} from './types'

/** Engine errors say whether a retry can help; anything else (a bug, an unknown throw) gets one more try. */
function isRetryable(err: unknown): boolean {
  return err instanceof SpeechEngineError ? err.retryable : true
}

/**
 * A primary speech engine made safe for a live room: each attempt has a timeout (the request is
 * aborted), retryable failures are retried with exponential backoff, and a circuit breaker skips a
 * primary that keeps failing, probing it again after a cool-down. Whenever the primary does not
 * deliver, the line is spoken by the fallback, and the clip says which engine spoke it.
 *
 * Why our own policies and not cockatiel (4.0.0, MIT, no dependencies; retry, circuitBreaker,
 * timeout and wrap, with AbortSignal), judged in December 2026: cockatiel is well made, but it is
 * not clearly better here. Our parts are small and already tested without real timers through
 * the shared Clock (circuit-breaker.ts ~100 lines, timeout.ts ~40, shared/backoff.ts), while
 * cockatiel's timers are its own (tests would move to fake timers). We also need what an adapter
 * around it would have to rebuild anyway: a cancelled line gives the breaker no verdict
 * (`onAbandon`), the status panel reads the breaker's failures and remaining cool-down, the
 * fallback is counted per outcome (engine-record.ts), and the retry backoff is the app's one
 * backoff. Revisit if the policies grow (bulkhead, hedging).
 */
export class ResilientEngine extends AsyncDisposable implements TtsEngine {
  readonly name: string
  readonly defaultVoice: string
  readonly description: string
  readonly #primary: TtsEngine
  readonly #fallback: TtsEngine | undefined
  readonly #clock: Clock
  readonly #breaker: CircuitBreaker
  readonly #gate: ConcurrencyGate | undefined
  readonly #lines = new Set<AbortController>()
  readonly #record = new EngineRecord()

  constructor(private readonly options: ResilientEngineOptions) {
    super()
    if (!(options.attemptTimeoutMs > 0))
      throw new RangeError('options.attemptTimeoutMs must be a positive number')
    if (
      options.retries !== undefined &&
      !(Number.isInteger(options.retries) && options.retries >= 0)
    ) {
      throw new RangeError('options.retries must be a non-negative integer')
    }
    this.#primary = options.primary
    this.#fallback = options.fallback
    // Disposed in reverse: lines in flight are aborted, the gate's waiters rejected, then both
    // engines close together; one failing to close neither keeps the other open nor fails ours.
    this._register({
      dispose: async () =>
        void (await Promise.allSettled([options.primary.dispose(), options.fallback?.dispose()]))
    })
    this.#clock = options.clock ?? systemClock
    this.name = options.primary.name
    this.defaultVoice = options.primary.defaultVoice
    this.description = options.fallback
      ? `${options.primary.description}; falls back to ${options.fallback.description}`
      : options.primary.description
    this.#gate =
      options.maxConcurrent === undefined
        ? undefined
        : this._register(new ConcurrencyGate(options.maxConcurrent))
    this._register(
      toDisposable(() => {
        for (const line of this.#lines) line.abort(new Error('engine disposed'))
      })
    )
    this.#breaker = new CircuitBreaker({
      failureThreshold: options.failureThreshold ?? 3,
      cooldownMs: options.cooldownMs ?? 30_000,
      maxCooldownMs: Math.max(options.maxCooldownMs ?? 300_000, options.cooldownMs ?? 30_000),
      clock: this.#clock,
      onStateChange: (state) =>
        this.#emit({
          type: 'circuit',
          engine: this.name,
          state,
          cooldownMs: this.#breaker.cooldownRemaining()
        })
    })
  }

  /** The clip for one line; it is a {@link SpokenClip} naming the engine that spoke. */
  async synthesize(request: SynthesisRequest): Promise<SpokenClip> {
    const outcome = await this.speak(request)
    const { clip, spokenBy, usedFallback } = outcome
    return { format: clip.format, pcm: clip.pcm, spokenBy, usedFallback }
  }

  /** Speaks one line and tells how: which engine, how many primary attempts, why the primary failed. */
  async speak(request: AbortableSynthesisRequest): Promise<SpeechOutcome> {
    if (this._isDisposing)
      throw new SpeechEngineError(this.name, 'unavailable', 'engine was disposed', {
        code: 'stopped'
      })
    this.#record.counts.requests++
    // One controller per line: the caller's cancel and dispose() both end every step of it.
    const line = new AbortController()
    const onCallerAbort = () => line.abort(request.signal?.reason)
    if (request.signal?.aborted) line.abort(request.signal.reason)
    else request.signal?.addEventListener('abort', onCallerAbort, { once: true })
    this.#lines.add(line)
    try {
      return await this.#speakLine(request, line.signal)
    } finally {
      request.signal?.removeEventListener('abort', onCallerAbort)
      this.#lines.delete(line)
    }
  }

  async #speakLine(
    request: AbortableSynthesisRequest,
    signal: AbortSignal
  ): Promise<SpeechOutcome> {
    const decision = this.#breaker.acquire()
    if (decision === 'skip') {
      this.#record.counts.skipped++
      return this.#useFallback(
        request,
        signal,
        0,
        `circuit open after: ${this.#record.lastError ?? 'repeated failures'}`
      )
    }
    const probe = decision === 'probe'
    const retries = probe ? 0 : (this.options.retries ?? 1)
    let lastError: unknown
    let attempts = 0
    for (;;) {
      attempts++
      const started = this.#clock.now()
      try {
        const clip = await withTimeout(
          (attemptSignal) => this.#callPrimary(request, attemptSignal),
          {
            timeoutMs: this.options.attemptTimeoutMs,
            clock: this.#clock,
            signal
          }
        )
        this.#record.primarySpoke(this.#clock.now() - started)
        this.#breaker.onSuccess(probe)
        return { clip, spokenBy: this.#primary.name, usedFallback: false, attempts }
      } catch (err) {
        if (signal.aborted) {
          // The caller gave up (or we were disposed): no verdict on the engine.
          this.#breaker.onAbandon(probe)
          throw new SpeechEngineError(this.name, 'aborted', 'cancelled', { cause: signal.reason })
        }
        lastError = err
        this.#record.primaryFailed(err, this.#clock.now())
        if (isTimeout(err) || !isRetryable(err) || attempts > retries) break
        const bounds = {
          baseMs: this.options.backoffBaseMs ?? 250,
          maxMs: this.options.backoffMaxMs ?? 2000,
          // Equal jitter: lines that failed together do not retry in lockstep.
          jitterShare: 0.5
        }
        const delayMs = backoffDelay(attempts, bounds, this.options.random)
        this.#record.counts.retries++
        this.#emit({
          type: 'retry',
          engine: this.name,
          retry: attempts,
          delayMs,
          error: describeError(err)
        })
        try {
          await sleep(delayMs, signal, this.#clock)
        } catch {
          this.#breaker.onAbandon(probe)
          throw new SpeechEngineError(this.name, 'aborted', 'cancelled', { cause: signal.reason })
        }
      }
    }
    this.#breaker.onFailure(probe)
    return this.#useFallback(request, signal, attempts, describeError(lastError), lastError)
  }

  /** One primary call, behind the concurrency gate. The slot is held until the call really ends. */
  async #callPrimary(request: AbortableSynthesisRequest, signal: AbortSignal): Promise<AudioClip> {
    const release = this.#gate ? await this.#gate.acquire(signal) : undefined
    const attempt: AbortableSynthesisRequest = {
      text: request.text,
      voice: request.voice,
      rate: request.rate,
      signal
    }
    const call = this.#primary.synthesize(attempt)
    if (release) call.then(release, release)
    return call
  }

  async #useFallback(
    request: AbortableSynthesisRequest,
    signal: AbortSignal,
    attempts: number,
    reason: string,
    primaryError?: unknown
  ): Promise<SpeechOutcome> {
    const fallback = this.#fallback
    if (!fallback) {
      this.#record.counts.failed++
      if (primaryError instanceof Error) throw primaryError
      throw new SpeechEngineError(this.name, 'unavailable', reason)
    }
    this.#emit({ type: 'fallback', engine: this.name, fallback: fallback.name, reason })
    try {
      // Voice names are engine-specific: the fallback always speaks in its own default voice.
      const fallbackRequest: AbortableSynthesisRequest = {
        text: request.text,
        voice: '',
        rate: request.rate,
        signal
      }
      const clip = await fallback.synthesize(fallbackRequest)
      this.#record.counts.fallbackSpoken++
      return { clip, spokenBy: fallback.name, usedFallback: true, attempts, primaryError: reason }
    } catch (err) {
      if (isAbortError(err) || signal.aborted)
        throw new SpeechEngineError(this.name, 'aborted', 'cancelled', { cause: err })
      this.#record.counts.fallbackFailures++
      this.#record.counts.failed++
      const words = `${this.name} failed (${reason}); fallback ${fallback.name} failed too: ${describeError(err)}`
      throw new Error(words, { cause: err })
    }
  }

  #emit(event: ResilienceEvent): void {
    try {
      this.options.onEvent?.(event)
    } catch {
      // A logging callback must never break speech.
    }
  }

  /** Health, circuit, counters and latency, for the status panel. */
  status(): ResilientEngineStatus {
    const engines = { primary: this.#primary.name, fallback: this.#fallback?.name }
    return this.#record.status(this.#breaker, engines, this.#lines.size)
  }

  /**
   * Speaks `text` with the primary alone, outside the circuit and the counters: the settings
   * panel's "test this engine" with its latency.
   */
  async testPrimary(text: string, rate = 175): Promise<EngineTestResult> {
    const started = this.#clock.now()
    try {
      const clip = await withTimeout(
        (signal) => {
          const probe: AbortableSynthesisRequest = { text, voice: '', rate, signal }
          return this.#primary.synthesize(probe)
        },
        { timeoutMs: this.options.attemptTimeoutMs, clock: this.#clock }
      )
      return { ok: true, latencyMs: this.#clock.now() - started, clip }
    } catch (err) {
      return { ok: false, latencyMs: this.#clock.now() - started, error: describeError(err) }
    }
  }

  threads(): number {
    return (this.#primary.threads?.() ?? 0) + (this.#fallback?.threads?.() ?? 0)
  }
}
