import type { IDisposable } from '../../../shared/lifecycle'
import type { Settings } from '../../../shared/settings'
import type { SpeechDraft, SpeechRecord } from '../../../shared/speech'
import type { AiStatus } from '../../../shared/status'
import { containsBlockedWord, normalizeSpeech } from '../../../workers/processing/normalize'
import { containsHomophone } from '../../../workers/processing/pinyin-match'
import { describeError, SpeechEngineError } from '../tts/engines/speech-error'
import { backoffDelay } from '../../../shared/backoff'
import { CircuitBreaker } from '../tts/resilience/circuit-breaker'
import { sleep, systemClock, type Clock } from '../../../shared/clock'
import { LatencyWindow } from '../tts/resilience/latency-window'
import { withTimeout } from '../tts/resilience/timeout'
import { chatCompletion } from './chat-client'
import { replyMessages } from './reply-prompt'
import { replySubject, type ReplySubject } from './reply-triggers'

export interface AiRepliesOptions {
  settings: () => Settings
  /** A reply line to speak (it goes through the planner like any line). */
  speak: (draft: SpeechDraft) => void
  /** A reply that will not be spoken (failed, filtered), for `--speech-out`. */
  record: (record: SpeechRecord) => void
  log: (level: 'info' | 'warn' | 'error', message: string) => void
  clock?: Clock
  random?: () => number
}

/**
 * AI replies: watches the lines the pipeline speaks, and for a trigger (a question to the streamer,
 * an @-mention, a keyword, a big gift) asks the chat endpoint for a short answer, spoken as a
 * `reply` line. At most one request is in flight and `ai.perMinute` start per minute; the rest are
 * counted, not queued, so a busy room never builds a backlog of stale answers.
 *
 * Nothing here can hold up the rest of the pipeline: `consider` returns at once, each attempt has
 * a timeout (the request is aborted), retryable failures are retried with back-off and a circuit
 * breaker stops calling an endpoint that keeps failing (`tts.engines.resilience`, as for the online
 * speech engines). An answer passes the same clean-up and blocked-word filter as a comment.
 */
export class AiReplies implements IDisposable {
  readonly #clock: Clock
  #breaker: CircuitBreaker
  /** The resilience settings the breaker was built with (an edit rebuilds it). */
  #breakerKey = ''
  readonly #latency = new LatencyWindow(50)
  /** Start times of the last minute's requests. */
  #starts: number[] = []
  #inFlight: AbortController | undefined
  #disposed = false
  #lastError: string | undefined
  readonly #counts = {
    triggered: 0,
    limited: 0,
    requested: 0,
    replied: 0,
    failed: 0,
    filtered: 0,
    timeouts: 0,
    retries: 0,
    skipped: 0
  }

  constructor(private readonly options: AiRepliesOptions) {
    this.#clock = options.clock ?? systemClock
    this.#breaker = this.#newBreaker()
  }

  /** The breaker for the current `tts.engines.resilience` (rebuilt, closed, when they change). */
  #currentBreaker(): CircuitBreaker {
    const r = this.options.settings().tts.engines.resilience
    const key = `${r.failureThreshold}/${r.cooldownMs}/${r.maxCooldownMs}`
    if (key !== this.#breakerKey) this.#breaker = this.#newBreaker()
    return this.#breaker
  }

  #newBreaker(): CircuitBreaker {
    const r = this.options.settings().tts.engines.resilience
    this.#breakerKey = `${r.failureThreshold}/${r.cooldownMs}/${r.maxCooldownMs}`
    return new CircuitBreaker({
      failureThreshold: r.failureThreshold,
      cooldownMs: r.cooldownMs,
      maxCooldownMs: r.maxCooldownMs,
      clock: this.#clock,
      onStateChange: (state) => this.options.log('warn', `AI replies: circuit ${state}`)
    })
  }

  /** Whether replies are on and have somewhere to go. */
  get active(): boolean {
    const ai = this.options.settings().ai
    return ai.enabled && ai.endpoint !== '' && !this.#disposed
  }

  /** A reply is being generated (the pipeline is not idle while one may still be spoken). */
  get busy(): boolean {
    return this.#inFlight !== undefined
  }

  /** A line the pipeline admitted: maybe reply to it. Returns at once. */
  consider(draft: SpeechDraft): void {
    if (!this.active) return
    const ai = this.options.settings().ai
    const subject = replySubject(draft, ai)
    if (!subject) return
    this.#counts.triggered++
    const now = this.#clock.now()
    this.#starts = this.#starts.filter((t) => now - t < 60_000)
    if (this.#inFlight || this.#starts.length >= ai.perMinute) {
      this.#counts.limited++
      return
    }
    this.#starts.push(now)
    const controller = new AbortController()
    this.#inFlight = controller
    void this.#reply(subject, controller.signal).finally(() => {
      if (this.#inFlight === controller) this.#inFlight = undefined
    })
  }

  /** Resolves once no reply is being generated (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#inFlight) await new Promise((r) => setTimeout(r, 10))
  }

  async #reply(subject: ReplySubject, signal: AbortSignal): Promise<void> {
    const s = this.options.settings()
    let answer: string
    try {
      answer = await this.#generate(subject, s, signal)
    } catch (err) {
      if (this.#disposed) return
      this.#counts.failed++
      this.#lastError = describeError(err)
      this.options.log('warn', `AI reply to ${subject.eventId} failed: ${this.#lastError}`)
      this.options.record(this.#dropRecord(subject, s, 'reply-failed', this.#lastError))
      return
    }
    if (this.#disposed) return
    const text = normalizeSpeech(answer, {
      maxLength: s.ai.maxReplyChars,
      maxRepeat: s.filter.maxRepeat
    })
    const blocked = s.filter.blockedWords
    const isBlocked =
      blocked.length > 0 &&
      (containsBlockedWord(text, blocked) ||
        (s.filter.blockedPinyin && containsHomophone(text, blocked)))
    if (text === '' || isBlocked) {
      this.#counts.filtered++
      this.options.record(this.#dropRecord(subject, s, text === '' ? 'empty' : 'blocked-word'))
      return
    }
    this.#counts.replied++
    const line = s.ai.line
    this.options.speak({
      text,
      type: 'reply',
      priority: line.priority,
      eventId: replyId(subject.eventId),
      receivedAt: subject.receivedAt,
      voice: line.voice,
      rate: line.rate,
      volume: line.volume,
      replyTo: subject.eventId,
      ...(subject.roomId !== undefined ? { roomId: subject.roomId } : {})
    })
  }

  /** Attempts with timeout, retries and back-off, behind the circuit breaker. */
  async #generate(subject: ReplySubject, s: Settings, signal: AbortSignal): Promise<string> {
    const breaker = this.#currentBreaker()
    const decision = breaker.acquire()
    if (decision === 'skip') {
      this.#counts.skipped++
      throw new SpeechEngineError('ai', 'unavailable', `circuit open after: ${this.#lastError}`)
    }
    const probe = decision === 'probe'
    const r = s.tts.engines.resilience
    const retries = probe ? 0 : r.retries
    const messages = replyMessages(subject, s.ai)
    for (let attempt = 1; ; attempt++) {
      this.#counts.requested++
      const started = this.#clock.now()
      try {
        const answer = await withTimeout(
          (attemptSignal) =>
            chatCompletion({
              endpoint: s.ai.endpoint,
              apiKey: s.ai.apiKey,
              model: s.ai.model,
              messages,
              stream: s.ai.stream,
              maxChars: s.ai.maxReplyChars,
              signal: attemptSignal
            }),
          { timeoutMs: s.ai.timeoutMs, clock: this.#clock, signal }
        )
        this.#latency.add(this.#clock.now() - started)
        breaker.onSuccess(probe)
        return answer
      } catch (err) {
        if (signal.aborted) {
          breaker.onAbandon(probe)
          throw err
        }
        const timeout = isTimeout(err)
        if (timeout) this.#counts.timeouts++
        const retryable = !timeout && (!(err instanceof SpeechEngineError) || err.retryable)
        if (!retryable || attempt > retries) {
          breaker.onFailure(probe)
          throw err
        }
        this.#counts.retries++
        const delay = backoffDelay(
          attempt,
          { baseMs: r.backoffBaseMs, maxMs: r.backoffMaxMs, jitterShare: 0.5 },
          this.options.random
        )
        await sleep(delay, signal, this.#clock).catch(() => {
          breaker.onAbandon(probe)
          throw err
        })
      }
    }
  }

  #dropRecord(
    subject: ReplySubject,
    s: Settings,
    reason: 'reply-failed' | 'blocked-word' | 'empty',
    detail?: string
  ): SpeechRecord {
    const id = replyId(subject.eventId)
    return {
      // A refused answer is never written out: it may be what the filter exists to stop.
      text: '',
      type: 'reply',
      priority: s.ai.line.priority,
      eventId: id,
      eventIds: [id],
      receivedAt: subject.receivedAt,
      cache: 'miss',
      dropped: reason,
      replyTo: subject.eventId,
      ...(detail ? { detail } : {}),
      ...(subject.roomId !== undefined ? { roomId: subject.roomId } : {})
    }
  }

  status(): AiStatus {
    const ai = this.options.settings().ai
    const circuit = this.#breaker.state
    return {
      enabled: ai.enabled,
      configured: ai.endpoint !== '',
      health:
        circuit === 'open'
          ? 'open'
          : circuit === 'half-open' || this.#breaker.consecutiveFailures > 0
            ? 'degraded'
            : 'healthy',
      circuit,
      busy: this.#inFlight !== undefined,
      counts: { ...this.#counts },
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
      latencyMs: { p50: this.#latency.quantile(0.5), p95: this.#latency.quantile(0.95) }
    }
  }

  dispose(): void {
    this.#disposed = true
    this.#inFlight?.abort(new Error('AI replies stopped'))
    this.#inFlight = undefined
  }
}

/** A reply's own id: its record links back to the event through `replyTo`. */
export function replyId(eventId: string): string {
  return `reply-${eventId}`
}

function isTimeout(err: unknown): boolean {
  if (err instanceof SpeechEngineError) return err.kind === 'timeout'
  return err instanceof Error && err.name === 'TimeoutError'
}
