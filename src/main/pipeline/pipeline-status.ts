import { lineRules } from '../../shared/line-rules'
import type { Settings } from '../../shared/settings'
import type { LineType } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import type { ComponentManager } from '../lifecycle/component-manager'
import { tasksStatus } from '../scaling/task-view'
import type { Room } from './ingest/room'
import type { AckBook } from './planner/ack-book'
import type { FirstOf } from './planner/first-of'
import type { SpeechPlanner } from './planner/speech-planner'
import type { AudioPlayer } from './playback/audio-player'
import type { PlaybackDispatcher } from './playback/playback-dispatcher'
import type { TextQueue } from './queues/text-queue'
import type { AiReplies } from './replies/ai-replies'
import type { SpeechLedger } from './speech-ledger'
import type { SpeechPolicy } from './speech-policy/speech-policy'
import type { TtsService } from './tts/tts-service'

/** The parts a status snapshot reads; the pipeline owns them all. */
export interface StatusParts {
  settings: Settings
  startedAt: number
  state: PipelineStatus['state']
  rooms: readonly Room[]
  planner: SpeechPlanner
  text: TextQueue
  lines: FirstOf
  tts: TtsService
  player: AudioPlayer
  playback: PlaybackDispatcher
  policy: SpeechPolicy
  ai: AiReplies
  ledger: SpeechLedger
  acks: AckBook
  manager: ComponentManager
}

/**
 * Assembles the pipeline's status snapshot (what the UI and `--status` show) from its parts. Kept
 * apart from the pipeline so the class that wires stages is not also the one that reports on them.
 */
export function pipelineStatus(p: StatusParts): PipelineStatus {
  const rooms = p.rooms
  const listener = rooms[0]!.listener.status()
  const tts = p.tts.status()
  const now = p.playback.current
  const planned = p.planner.typeStatus()
  const acks = p.acks.status()
  const byType: PipelineStatus['plan']['byType'] = {}
  for (const type of new Set([...Object.keys(planned), ...Object.keys(acks)]) as Set<LineType>) {
    byType[type] = {
      waiting: planned[type]?.waiting ?? 0,
      lag: acks[type]?.lag ?? { count: 0 },
      acknowledged: acks[type]?.acknowledged ?? 0,
      merges: planned[type]?.merges ?? 0,
      mergedEvents: planned[type]?.mergedEvents ?? 0
    }
  }
  const waitingByRoom = p.planner.waitingByRoom()
  const waitingByType = { ...p.text.byType() }
  for (const [type, s] of Object.entries(planned) as [LineType, { waiting: number }][])
    waitingByType[type] = (waitingByType[type] ?? 0) + s.waiting
  return {
    at: Date.now(),
    startedAt: p.startedAt,
    state: p.state,
    source: {
      ...listener.source,
      received: listener.received,
      receivedByType: listener.receivedByType,
      ended: listener.ended,
      error: listener.error,
      errorCode: listener.errorCode
    },
    queues: {
      message: {
        length: rooms.reduce((n, r) => n + r.messages.size, 0),
        capacity: rooms.reduce((n, r) => n + r.messages.capacity, 0)
      },
      text: {
        length: p.lines.size,
        capacity: p.settings.queues.textCapacity,
        lanes: lanes(p.settings, waitingByType),
        byType: waitingByType,
        oldestWaitMs: oldestWaitMs(p)
      }
    },
    counts: {
      received: rooms.reduce((n, r) => n + r.listener.status().received, 0),
      processed: rooms.reduce((n, r) => n + r.processing.processed, 0),
      queued: p.ledger.queued,
      spoken: p.ledger.spoken,
      dropped: p.ledger.dropped
    },
    ...p.ledger.snapshot(),
    pools: [...rooms.map((r) => r.processing.pool.status()), tts.pool],
    cache: tts.cache,
    tts: {
      engine: tts.engine,
      description: tts.engineDescription,
      synthesized: tts.synthesized,
      failed: tts.failed,
      ...(tts.resilience ? { resilience: tts.resilience } : {})
    },
    player: p.player.status(),
    nowPlaying: now ? { ...now } : undefined,
    upNext: [...p.planner.peek(5), ...p.text.peek(5)].slice(0, 5).map((q) => ({
      text: q.text,
      type: q.type,
      priority: q.priority,
      ...(q.system ? { system: true as const } : {})
    })),
    shedding: p.policy.shedder.status(),
    plan: {
      enabled: p.settings.plan.enabled,
      rateBoost: p.planner.boost,
      backlogSec: Math.round(p.planner.backlogSec * 10) / 10,
      byType
    },
    rooms: rooms.map((r) => r.status(waitingByRoom.get(r.key) ?? 0)),
    ai: p.ai.status(),
    tasks: tasksStatus([...rooms.map((r) => r.processing.pool.tasks), p.tts.pool.tasks]),
    components: p.manager.status()
  }
}

/** Waiting lines per priority lane (the queue chart), whichever source holds them. */
function lanes(
  settings: Settings,
  byType: Partial<Record<LineType, number>>
): { priority: number; length: number }[] {
  const lanes = new Map<number, number>()
  for (const [type, n] of Object.entries(byType) as [LineType, number][]) {
    if (!n) continue
    const priority = lineRules(settings, type).priority
    lanes.set(priority, (lanes.get(priority) ?? 0) + n)
  }
  return [...lanes].sort((a, b) => b[0] - a[0]).map(([priority, length]) => ({ priority, length }))
}

function oldestWaitMs(p: StatusParts): number {
  const oldest = Math.min(p.text.oldestReceivedAt(), p.planner.oldestReceivedAt())
  return Number.isFinite(oldest) ? Math.max(0, Date.now() - oldest) : 0
}
