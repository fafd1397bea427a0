import type { AudioClip } from '../../../../shared/speech'
import type { TtsEngine } from '../engine'
import type { CircuitState } from './circuit-breaker'
import type { Clock } from '../../../../shared/clock'

/** healthy: the primary works. degraded: it failed lately or is being probed. open: it is being skipped. */
export type EngineHealth = 'healthy' | 'degraded' | 'open'

/** Options of {@link ResilientEngine}. Numbers come from `tts.engines.resilience` and the engine's own block. */
export interface ResilientEngineOptions {
  primary: TtsEngine
  /** Speaks when the primary fails, is too slow or is skipped; usually the offline espeak-ng voice. */
  fallback?: TtsEngine
  /** Per-attempt limit (queueing for a slot included); the attempt is aborted past it. */
  attemptTimeoutMs: number
  /** Extra attempts after a retryable failure; never after a timeout, and never for a probe. @default 1 */
  retries?: number
  /** @default 250 */
  backoffBaseMs?: number
  /** @default 2000 */
  backoffMaxMs?: number
  /** Consecutive failed lines that open the circuit. @default 3 */
  failureThreshold?: number
  /** @default 30000 */
  cooldownMs?: number
  /** @default 300000 */
  maxCooldownMs?: number
  /** Primary calls in flight at once. @default unlimited */
  maxConcurrent?: number
  /** @default systemClock */
  clock?: Clock
  /** Jitter source for backoff. @default Math.random */
  random?: () => number
  /** Retries, fallbacks and circuit changes, for the log. */
  onEvent?: (event: ResilienceEvent) => void
}

/** Something the log should hear about: a retry, a fallback, or a circuit state change. */
export type ResilienceEvent =
  | { type: 'retry'; engine: string; retry: number; delayMs: number; error: string }
  | { type: 'fallback'; engine: string; fallback: string; reason: string }
  | { type: 'circuit'; engine: string; state: CircuitState; cooldownMs: number }

/** A clip that says who spoke it. Still an AudioClip, so caches and players take it as is. */
export interface SpokenClip extends AudioClip {
  /** Name of the engine that produced the audio. */
  readonly spokenBy: string
  readonly usedFallback: boolean
}

/** The full story of one line. */
export interface SpeechOutcome {
  clip: AudioClip
  spokenBy: string
  usedFallback: boolean
  /** Primary attempts made (0 when the circuit was open). */
  attempts: number
  /** Why the primary did not speak, when it did not. */
  primaryError?: string
}

/** Counters since the engine was made. */
export interface ResilienceCounts {
  /** Lines asked for. */
  requests: number
  /** Lines the primary spoke. */
  primarySpoken: number
  /** Primary attempts that failed (timeouts included). */
  primaryFailures: number
  timeouts: number
  retries: number
  /** Lines sent straight to the fallback because the circuit was open. */
  skipped: number
  fallbackSpoken: number
  fallbackFailures: number
  /** Lines nobody could speak. */
  failed: number
}

/** One snapshot for the status panel. */
export interface ResilientEngineStatus {
  engine: string
  fallback: string | undefined
  health: EngineHealth
  circuit: CircuitState
  consecutiveFailures: number
  /** Milliseconds until an open circuit probes again. */
  cooldownRemainingMs: number
  /** The last primary failure, in words. */
  lastError: string | undefined
  /** Clock time of `lastError`. */
  lastErrorAt: number | undefined
  counts: ResilienceCounts
  /** Primary latency of successful attempts, recent window. */
  latencyMs: { p50: number | undefined; p95: number | undefined; samples: number }
  inFlight: number
}

/** True for clips a ResilientEngine produced (they name their engine). */
export function isSpokenClip(clip: AudioClip): clip is SpokenClip {
  return typeof (clip as Partial<SpokenClip>).spokenBy === 'string'
}

/** The result of {@link ResilientEngine.testPrimary}: the settings panel's "test this engine". */
export type EngineTestResult =
  { ok: true; latencyMs: number; clip: AudioClip } | { ok: false; latencyMs: number; error: string }
