/**
 * What went wrong, in a form the resilience layer can act on:
 * - `timeout`: no complete answer in time (not retried: the line goes to the fallback at once).
 * - `aborted`: the caller cancelled (never retried, never counted against the engine).
 * - `network`: could not connect, or the connection broke (retried).
 * - `http`: an HTTP status; 5xx, 408 and 429 are retried, other 4xx are not (a retry gets the same answer).
 * - `protocol`: the server spoke, but not the expected protocol.
 * - `bad-audio`: the audio is truncated, empty or not audio at all.
 * - `unavailable`: the engine cannot run here (program missing, wrong OS).
 */
export type SpeechErrorKind =
  'timeout' | 'aborted' | 'network' | 'http' | 'protocol' | 'bad-audio' | 'unavailable'

/** A failed synthesis, with words for the status panel and whether trying again can help. */
export class SpeechEngineError extends Error {
  override readonly name = 'SpeechEngineError'
  readonly kind: SpeechErrorKind
  readonly engine: string
  /** HTTP status, for `http`. */
  readonly status: number | undefined
  readonly retryable: boolean
  /** `stopped`: the engine was disposed under the call (a shutdown, not a fault). */
  readonly code: 'stopped' | undefined

  constructor(
    engine: string,
    kind: SpeechErrorKind,
    message: string,
    options: { status?: number; cause?: unknown; code?: 'stopped' } = {}
  ) {
    super(
      `${engine}: ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause }
    )
    this.engine = engine
    this.kind = kind
    this.status = options.status
    this.retryable = isRetryable(kind, options.status)
    this.code = options.code
  }
}

function isRetryable(kind: SpeechErrorKind, status: number | undefined): boolean {
  if (kind === 'network' || kind === 'protocol') return true
  if (kind === 'http')
    return status === undefined || status >= 500 || status === 408 || status === 429
  return false
}

/** True for errors that mean "the caller gave up", which say nothing about the engine's health. */
export function isAbortError(err: unknown): boolean {
  if (err instanceof SpeechEngineError) return err.kind === 'aborted'
  return err instanceof Error && err.name === 'AbortError'
}

/** One line of words for any thrown value (status panels and logs). */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause =
      err.cause instanceof Error && !err.message.includes(err.cause.message)
        ? ` (${err.cause.message})`
        : ''
    return `${err.message}${cause}`
  }
  return String(err)
}

/**
 * Throws the engine's `aborted` or `timeout` error when `signal` has fired. The reason decides which:
 * a `TimeoutError` reason (AbortSignal.timeout, the resilience layer's timer) is a timeout.
 */
export function throwIfAborted(engine: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(engine, signal)
}

/** The error to throw for a fired signal (see {@link throwIfAborted}). */
export function abortedError(engine: string, signal: AbortSignal): SpeechEngineError {
  const reason: unknown = signal.reason
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new SpeechEngineError(engine, 'timeout', reason.message || 'timed out', {
      cause: reason
    })
  }
  return new SpeechEngineError(engine, 'aborted', 'cancelled', { cause: reason })
}
