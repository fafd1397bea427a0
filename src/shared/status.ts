import type { EventType } from './events'
import type { DropReason, LineType } from './speech'
import type { TasksStatus } from './tasks'

/**
 * The status snapshot: what the dashboard shows, `--stats-out` writes and the CLI status line reads.
 * One place for every stage's status type.
 */

export type SourceState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed'

export interface SourceStatus {
  kind: string
  /** Which connector is live, for sources with more than one (`direct`, `capture`). */
  connector?: string
  state: SourceState
  /** Machine-readable reason for `failed`/`reconnecting`, e.g. `DEVICE_BLOCKED`, `not-live`, `stalled`. */
  reason?: string
  /** Words for the log (English and Chinese); the UI words `reason` and `errno` itself. */
  detail?: string
  /** The system's code for a network failure (`ENOTFOUND`, `ECONNREFUSED`, `ETIMEDOUT`…). */
  errno?: string
  roomId?: string
  roomTitle?: string
  anchor?: string
  /** Ms since the last frame arrived (undefined before the first). */
  lastFrameAgeMs?: number
  reconnects: number
  framesPerSec?: number
  decodeErrors: number
}

export interface ResizeRecord {
  at: number
  from: number
  to: number
  reason: string
}

export interface PoolStatus {
  name: string
  /** Current concurrency (tasks allowed at once). */
  size: number
  min: number
  max: number
  /** Live threads behind the gate, where the executor has threads. */
  threads?: number
  active: number
  waiting: number
  /** The backlog the policy last saw (queue length feeding this pool). */
  backlog: number
  completed: number
  failed: number
  retried: number
  /** Most recent resizes, newest last. */
  resizes: ResizeRecord[]
  totalResizes: number
}

export interface CacheStatus {
  hits: number
  misses: number
  /** Requests that joined a synthesis already under way (nothing new was synthesised). */
  coalesced: number
  entries: number
  bytes: number
  maxBytes: number
}

export interface PlayerStatus {
  state: 'stopped' | 'starting' | 'ready' | 'down'
  sink: string
  paused: boolean
  volume: number
  played: number
  notPlayed: number
  /** Why the device is not usable, in words. */
  lastError?: string
}

export type ComponentState =
  'stopped' | 'starting' | 'running' | 'restarting' | 'stopping' | 'failed'

export interface ComponentHealth {
  id: string
  state: ComponentState
  restarts: number
  lastError?: string
  /** Epoch ms of the next restart attempt while `restarting`. */
  nextAttemptAt?: number
}

export interface Percentiles {
  count: number
  p50?: number
  p95?: number
  p99?: number
  max?: number
}

/** The speech planner's view of one event type. */
export interface PlanTypeStatus {
  /** Events of this type waiting for a line. */
  waiting: number
  /** Arrival → start of the line that acknowledged it, ms, over the last 60 s. */
  lag: Percentiles
  /** Events acknowledged (covered by a line played to its end) since the start. */
  acknowledged: number
  /** Lines that merged several events, and how many events they covered. */
  merges: number
  mergedEvents: number
}

export interface PlanStatus {
  enabled: boolean
  /** Adaptive rate: percent added to the speaking rate now. */
  rateBoost: number
  /** Seconds of speech waiting (smoothed), what the rate boost follows. */
  backlogSec: number
  byType: Partial<Record<LineType, PlanTypeStatus>>
}

/** One room of a session (several rooms at once): its source and its own ingress. */
export interface RoomStatus {
  /** The room's key: what its speech records carry as `roomId` (`r1`, `r2`…). */
  key: string
  /** The source spec it was opened with. */
  spec: string
  source: SourceStatus
  received: number
  receivedByType: Partial<Record<EventType, number>>
  /** Its source has finished (ended live, end of file) or failed for good. */
  ended: boolean
  error?: string
  errorCode?: string
  /** Its own message-queue budget. */
  queue: { length: number; capacity: number }
  processed: number
  /** Its events waiting in the speech planner. */
  waiting: number
}

/** AI replies (settings `ai`): health of the chat endpoint and what the replies did. */
export interface AiStatus {
  enabled: boolean
  /** An endpoint is set. */
  configured: boolean
  health: 'healthy' | 'degraded' | 'open'
  circuit: 'closed' | 'open' | 'half-open'
  /** A reply is being generated. */
  busy: boolean
  counts: {
    /** Lines that met a trigger. */
    triggered: number
    /** Triggers skipped: over `ai.perMinute`, or a reply already in progress. */
    limited: number
    /** Requests sent (retries included). */
    requested: number
    replied: number
    failed: number
    /** Answers refused by the blocked-word filter (or empty once cleaned up). */
    filtered: number
    timeouts: number
    retries: number
    /** Triggers not sent because the circuit was open. */
    skipped: number
  }
  lastError?: string
  latencyMs: { p50: number | undefined; p95: number | undefined }
}

export interface PipelineStatus {
  at: number
  startedAt: number
  state: 'starting' | 'running' | 'stopping' | 'stopped'
  source: SourceStatus & {
    received: number
    receivedByType: Partial<Record<EventType, number>>
    ended: boolean
    error?: string
    errorCode?: string
  }
  queues: {
    message: { length: number; capacity: number }
    text: {
      length: number
      capacity: number
      lanes: { priority: number; length: number }[]
      byType: Partial<Record<LineType, number>>
      /** How long the oldest waiting line has waited, ms (0 when empty): the backlog signal. */
      oldestWaitMs: number
    }
  }
  counts: { received: number; processed: number; queued: number; spoken: number; dropped: number }
  drops: Partial<Record<DropReason, number>>
  pools: PoolStatus[]
  cache: CacheStatus
  tts: {
    engine?: string
    description?: string
    synthesized: number
    failed: number
    /** For online/OS engines: health (`healthy` | `degraded` | `open`), circuit, last error, fallbacks. */
    resilience?: {
      engine: string
      fallback: string | undefined
      health: 'healthy' | 'degraded' | 'open'
      circuit: string
      consecutiveFailures: number
      cooldownRemainingMs: number
      lastError: string | undefined
      counts: object
      latencyMs: { p50: number | undefined; p95: number | undefined; samples: number }
    }
  }
  player: PlayerStatus
  nowPlaying?: { text: string; type: LineType; eventId: string; system?: true }
  upNext: { text: string; type: LineType; priority: number; system?: true }[]
  /** Event received → first audio byte at the sink, ms. */
  latency: { miss: Percentiles; hit: Percentiles; all: Percentiles; recent: Percentiles }
  /** Load shedding: 0 normal … 4 gifts and follows only. */
  shedding: {
    level: number
    mode: 'normal' | 'no-names' | 'short' | 'sampled' | 'essential-only'
    since: number
  }
  /** Per second, over the last 10 s. */
  rates: { eventsIn: number; spoken: number }
  /** The speech planner: acknowledgement lag and merges per type, the rate boost. */
  plan: PlanStatus
  /** Every room of the session (`source` above is the first one's). */
  rooms: RoomStatus[]
  /** AI replies (absent from older main processes). */
  ai?: AiStatus
  /** Every pool task's lifecycle: the latest attempts and per-state counts per pool. */
  tasks?: TasksStatus
  components: ComponentHealth[]
}
