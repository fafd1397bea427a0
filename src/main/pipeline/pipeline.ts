import { join } from 'node:path'
import { Emitter } from '../../shared/emitter'
import { Disposable, toDisposable } from '../../shared/lifecycle'
import type { EventType, LiveEvent } from '../../shared/events'
import type { SinkSpec } from '../../shared/player-protocol'
import type { Settings } from '../../shared/settings'
import type { LineType, SpeechDraft, SpeechRecord } from '../../shared/speech'
import { lineRules } from '../../shared/line-rules'
import type { PipelineStatus } from '../../shared/status'
import { ComponentManager } from '../lifecycle/component-manager'
import type { LiveSource } from '../sources/source'
import type { Listener } from './ingest/listener'
import { Room } from './ingest/room'
import { AckBook } from './planner/ack-book'
import { FirstOf } from './planner/first-of'
import { SpeechPlanner, type RoomRules } from './planner/speech-planner'
import { SpeechLedger } from './speech-ledger'
import { draftDropRecord, eventDropRecord } from './speech-records'
import { AudioPlayer } from './playback/audio-player'
import { OutputChoice } from './playback/output-choice'
import { PlaybackDispatcher } from './playback/playback-dispatcher'
import type { PlayerLauncher } from './playback/player-launcher'
import type { ProcessingStage } from './processing/processing-stage'
import type { MessageQueue } from './queues/message-queue'
import { TextQueue } from './queues/text-queue'
import type { TtsEngine } from './tts/engine'
import { createEngine } from './tts/engine-factory'
import { describeResilienceEvent } from './tts/resilience/describe'
import { TtsService } from './tts/tts-service'
import { prewarmLines } from './speech-policy/prewarm-lines'
import { SpeechPolicy } from './speech-policy/speech-policy'
import { AiReplies } from './replies/ai-replies'
import { tasksStatus } from '../scaling/task-view'

export type LogLevel = 'info' | 'warn' | 'error'

export interface PipelineOptions {
  settings: Settings
  /** The first room's source (its spec defaults to the source's kind). */
  source: LiveSource
  /** The first room's source spec, as given (`douyin:…`, `demo`). */
  spec?: string
  /** Folder of the built worker entries (processing.worker.js, tts.worker.js, player.process.js). */
  workerDir: string
  audio: SinkSpec
  /** `fast`: file/null sinks do not wait for the audio's duration (tests, benchmarks). */
  audioPace?: 'realtime' | 'fast'
  /** Folder that `audio.recordFile` (a bare name) is saved in; without it nothing is recorded. */
  recordingsDir?: string
  /** Extra environment for the player process (ALSA_CONFIG_PATH in tests). */
  playerEnv?: NodeJS.ProcessEnv
  playerLauncher?: PlayerLauncher
  /** Replaces engine selection (benchmarks compare engines). */
  createEngine?: () => Promise<TtsEngine>
  /** false: stop after processing (ingest benchmark); drafts are counted, not spoken. */
  speech?: boolean
  /** How long a graceful stop may spend draining the queues. */
  drainMs?: number
}

/**
 * The whole pipeline, electron-free: listener → message queue → processing pool → speech planner
 * (or the plain text queue) → TTS pool + cache → serial audio player, run by a ComponentManager.
 * The desktop app and the headless CLI both drive it through this class. Every event received ends
 * in exactly one SpeechRecord (`onSpeech`): a line covering it, spoken or not, or a drop.
 */
export class Pipeline extends Disposable {
  #settings: Settings
  /** The rooms (sources) of the session, in the order they joined; never empty. */
  readonly #rooms: Room[] = []
  #roomSeq = 0
  /** The speech planner (`plan.enabled`): merged lines, shared speech time, big gifts first. */
  readonly planner: SpeechPlanner
  /** The plain priority queue, one line per event (the planner switched off). */
  readonly text: TextQueue
  /** What playback reads: the planner, then the plain queue. */
  readonly lines: FirstOf
  readonly tts: TtsService
  readonly player: AudioPlayer
  readonly playback: PlaybackDispatcher
  readonly manager: ComponentManager
  readonly policy: SpeechPolicy
  /** AI replies to viewers (settings `ai`, off by default). */
  readonly ai: AiReplies
  readonly #onEvent = this._register(new Emitter<{ event: LiveEvent; receivedAt: number }>())
  readonly #onSpeech = this._register(new Emitter<SpeechRecord>())
  readonly #onLog = this._register(new Emitter<{ level: LogLevel; message: string }>())
  /** Every event received, before any filtering (`--events-out`). */
  readonly onEvent = this.#onEvent.event
  /** Every line of speech, spoken or dropped, and every event dropped (`--speech-out`). */
  readonly onSpeech = this.#onSpeech.event
  readonly onLog = this.#onLog.event
  readonly #ledger = new SpeechLedger()
  readonly #acks = new AckBook()
  readonly #output: OutputChoice
  #state: PipelineStatus['state'] = 'starting'
  #startedAt = Date.now()
  #sweeper: NodeJS.Timeout | undefined
  #appLines = 0
  readonly #onResize: (r: { pool: string; from: number; to: number; reason: string }) => void

  constructor(private readonly options: PipelineOptions) {
    super()
    this.#settings = options.settings
    const settings = () => this.#settings
    const log = (level: LogLevel, message: string) => this.#onLog.fire({ level, message })
    const onResize = (r: { pool: string; from: number; to: number; reason: string }) =>
      log('info', `pool ${r.pool}: ${r.from} → ${r.to} (${r.reason})`)
    this.#output = new OutputChoice(options.audio, options.recordingsDir)

    this.planner = this._register(
      new SpeechPlanner(settings, Date.now, (room) => this.#roomRules(room))
    )
    this.text = this._register(
      new TextQueue(() => ({
        capacity: settings().queues.textCapacity,
        capOf: (type) => lineRules(settings(), type).cap,
        freshnessMsOf: (type) => lineRules(settings(), type).freshnessSec * 1000
      }))
    )
    this.lines = this._register(new FirstOf([this.planner, this.text]))
    this.player = new AudioPlayer({
      file: join(options.workerDir, 'player.process.js'),
      sink: this.#output.sink(this.#settings),
      record: this.#output.record(this.#settings).path,
      pace: options.audioPace ?? 'realtime',
      volume: this.#settings.audio.volume,
      env: options.playerEnv,
      launcher: options.playerLauncher
    })
    this._register(this.player)
    this.tts = new TtsService({
      settings,
      createEngine:
        options.createEngine ??
        (() =>
          createEngine(settings(), {
            ttsWorkerFile: join(options.workerDir, 'tts.worker.js'),
            onResilienceEvent: (e) =>
              log(e.type === 'retry' ? 'info' : 'warn', describeResilienceEvent(e))
          })),
      backlog: () => this.playback.unsynthesizedCount(),
      onResize,
      log
    })
    this.playback = this._register(new PlaybackDispatcher(this.lines, this.tts, this.player))
    this.policy = new SpeechPolicy(settings, (draft) => this.#speak(draft), log)
    this.ai = this._register(
      new AiReplies({
        settings,
        speak: (draft) => {
          this.#ledger.queued++
          this.#speak(draft)
        },
        record: (record) => this.#record(record),
        log
      })
    )
    this.#onResize = onResize
    this._register(
      this.lines.onDidDrop(({ drafts, reason }) => {
        for (const draft of drafts)
          this.#record(
            draftDropRecord(draft, reason, this.tts.isCached(draft.text, draft) ? 'hit' : 'miss')
          )
      })
    )
    this._register(this.playback.onDidSpeak((record) => this.#record(record)))
    this._register(
      this.playback.onDidAcknowledge(({ line, startedAt, durationMs }) => {
        this.planner.learn(line, durationMs)
        this.#acks.acknowledge(line, startedAt)
      })
    )
    this._register(this.player.onLog(({ level, message }) => log(level, message)))
    // Disposal runs in reverse: the sweeper, AI replies, the manager, the rooms, the stages.
    this._register(toDisposable(() => this.#rooms.forEach((room) => room.dispose())))
    this.manager = this._register(new ComponentManager({ log }))
    this._register(this.ai)
    this._register(toDisposable(() => clearInterval(this.#sweeper)))
    // Consumers first, the producers (the rooms) last; stop runs in reverse (ingress first).
    if (options.speech !== false) {
      this.manager.register(this.player)
      this.manager.register(this.tts)
      this.manager.register(this.playback)
    }
    const first = this.#newRoom(options.spec ?? options.source.kind, options.source)
    for (const component of first.components) this.manager.register(component)
  }

  /** The rooms of the session, in the order they joined. */
  get rooms(): readonly Room[] {
    return this.#rooms
  }

  /** The first room's message queue (single-room callers and benchmarks). */
  get messages(): MessageQueue {
    return this.#rooms[0]!.messages
  }

  /** The first room's processing stage (single-room callers and benchmarks). */
  get processing(): ProcessingStage {
    return this.#rooms[0]!.processing
  }

  /** The first room's listener. */
  get listener(): Listener {
    return this.#rooms[0]!.listener
  }

  /**
   * Another room joins the session (a co-stream, a second account): its own source, message queue
   * and processing pool, sharing the planner and the voice. Returns its key.
   */
  async addRoom(spec: string, source: LiveSource): Promise<string> {
    const room = this.#newRoom(spec, source)
    await this.manager.add(room.components)
    return room.key
  }

  /**
   * A room leaves: its source stops, what it still had queued is dropped (`shutdown`), the other
   * rooms are not disturbed. The last room cannot leave (stop the session instead).
   */
  async removeRoom(key: string, drainMs = 0): Promise<boolean> {
    const room = this.#rooms.find((r) => r.key === key)
    if (!room || this.#rooms.length === 1) return false
    await this.manager.remove(room.components, Date.now() + drainMs)
    this.#rooms.splice(this.#rooms.indexOf(room), 1)
    this.planner.dropRoom(key)
    room.dispose()
    return true
  }

  #newRoom(spec: string, source: LiveSource): Room {
    const settings = () => this.#settings
    const log = (level: LogLevel, message: string) => this.#onLog.fire({ level, message })
    const room: Room = new Room(
      {
        key: `r${++this.#roomSeq}`,
        spec,
        source,
        settings,
        processingWorker: join(this.options.workerDir, 'processing.worker.js'),
        primary: this.#rooms.length === 0,
        shedLevel: () => this.policy.shedder.level,
        onResize: this.#onResize,
        log
      },
      (event, receivedAt) => this.#acceptFrom(room, event, receivedAt)
    )
    room.onEvent((received) => {
      this.#ledger.eventIn()
      this.#onEvent.fire(received)
    })
    room.onQueueDrop(({ item, reason }) =>
      this.#record(
        eventDropRecord(
          item.event,
          item.receivedAt,
          this.#priorityOf(item.event.type),
          reason,
          room.key
        ),
        item.event.type
      )
    )
    room.onProcessingDrop(({ reason, eventId, type, receivedAt }) =>
      this.#record(
        eventDropRecord(
          { id: eventId, type },
          receivedAt,
          this.#priorityOf(type),
          reason,
          room.key
        ),
        type
      )
    )
    room.onDraft((draft) => {
      const refused = this.policy.admit(draft)
      if (refused) return this.#record(draftDropRecord(draft, refused, 'miss'))
      this.#ledger.queued++
      if (this.options.speech !== false) {
        this.#speak(draft)
        this.ai.consider(draft)
      }
    })
    room.listener.onLog(({ level, message }) => log(level, message))
    this.#rooms.push(room)
    return room
  }

  /** A room switched off in settings drops its events on arrival (`room-off`), recorded. */
  #acceptFrom(room: Room, event: LiveEvent, receivedAt: number): boolean {
    if (this.#roomSettings(room.spec)?.enabled !== false) return true
    this.#record(
      eventDropRecord(event, receivedAt, this.#priorityOf(event.type), 'room-off', room.key),
      event.type
    )
    return false
  }

  #priorityOf(type: EventType): number {
    return this.#settings.events[type].priority
  }

  #roomSettings(spec: string): Settings['rooms'][string] | undefined {
    return Object.hasOwn(this.#settings.rooms, spec) ? this.#settings.rooms[spec] : undefined
  }

  /** The planner's view of a room: its share of speech time, spoken prefix and voice. */
  #roomRules(key: string | undefined): RoomRules | undefined {
    const room = this.#rooms.find((r) => r.key === key)
    const rules = room && this.#roomSettings(room.spec)
    return rules ? { weight: rules.weight, prefix: rules.prefix, voice: rules.voice } : undefined
  }

  get settings(): Settings {
    return this.#settings
  }

  async start(): Promise<void> {
    this.#startedAt = Date.now()
    this.#sweeper = setInterval(() => {
      this.lines.dropStale(Date.now())
      // The planner merges instead of shedding; the plain queue sheds by its length.
      this.policy.tick(this.#settings.plan.enabled ? 0 : this.text.size)
    }, 250)
    this.#sweeper.unref()
    const { problem } = this.#output.record(this.#settings)
    if (problem) this.#onLog.fire({ level: 'warn', message: problem })
    await this.manager.startAll()
    this.#state = 'running'
    if (this.options.speech !== false && this.#settings.prewarm.enabled) {
      void this.tts
        .prewarm(prewarmLines(this.#settings), () => this.#state === 'running')
        .then((n) => {
          if (n > 0) this.#onLog.fire({ level: 'info', message: `pre-warmed ${n} common lines` })
        })
    }
  }

  /** Graceful stop: ingress first, then drain what is queued until the deadline. */
  async stop(drainMs = this.options.drainMs ?? 5000): Promise<void> {
    if (this.#state === 'stopped' || this.#state === 'stopping') return
    this.#state = 'stopping'
    this.ai.dispose()
    await this.manager.stopAll(Date.now() + drainMs)
    clearInterval(this.#sweeper)
    this.#state = 'stopped'
  }

  /** True when every room's source has ended and nothing is queued, processing or playing. */
  isIdle(): boolean {
    return this.#rooms.every((r) => r.listener.ended) && this.isDrained()
  }

  /** Whether every queue is empty and nothing is in flight (sources may still be running). */
  isDrained(): boolean {
    return (
      this.#rooms.every((r) => r.isDrained()) &&
      this.lines.size === 0 &&
      !this.playback.busy &&
      !this.ai.busy
    )
  }

  pause(): void {
    this.player.pause()
  }

  resume(): void {
    this.player.resume()
    this.playback.poke()
  }

  skip(): void {
    this.playback.skip()
  }

  /** Drops everything waiting (`cleared`); the line being spoken finishes (skip is separate). */
  clear(): void {
    this.lines.clear('cleared')
  }

  /**
   * Speaks a line of the app's own (a test line, an alert) next, ahead of everything waiting.
   * Returns the line's id.
   */
  say(text: string): string {
    const now = Date.now()
    const eventId = `app-${now}-${++this.#appLines}`
    this.#speak({ text, type: 'chat', priority: 9, eventId, receivedAt: now, system: true })
    return eventId
  }

  setVolume(volume: number): void {
    this.#settings = { ...this.#settings, audio: { ...this.#settings.audio, volume } }
    this.player.setVolume(volume)
  }

  /** Applies validated settings live: pool bounds, queue caps, templates, filters, cache size, volume. */
  updateSettings(next: Settings): void {
    this.#settings = next
    for (const room of this.#rooms) {
      room.applySettings(next)
      // Switched off: what it already had waiting goes too (recorded), not only what comes next.
      if (this.#roomSettings(room.spec)?.enabled === false)
        this.planner.dropRoom(room.key, 'room-off')
    }
    this.tts.applySettings()
    this.player.setVolume(next.audio.volume)
    const record = this.#output.record(next)
    if (record.problem) this.#onLog.fire({ level: 'warn', message: record.problem })
    void this.player.switchOutput(this.#output.sink(next), record.path)
  }

  status(): PipelineStatus {
    const listener = this.listener.status()
    const tts = this.tts.status()
    const now = this.playback.current
    const planned = this.planner.typeStatus()
    const acks = this.#acks.status()
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
    const waitingByRoom = this.planner.waitingByRoom()
    const waitingByType = { ...this.text.byType() }
    for (const [type, s] of Object.entries(planned) as [LineType, { waiting: number }][])
      waitingByType[type] = (waitingByType[type] ?? 0) + s.waiting
    return {
      at: Date.now(),
      startedAt: this.#startedAt,
      state: this.#state,
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
          length: this.#rooms.reduce((n, r) => n + r.messages.size, 0),
          capacity: this.#rooms.reduce((n, r) => n + r.messages.capacity, 0)
        },
        text: {
          length: this.lines.size,
          capacity: this.#settings.queues.textCapacity,
          lanes: this.#lanes(waitingByType),
          byType: waitingByType,
          oldestWaitMs: this.#oldestWaitMs()
        }
      },
      counts: {
        received: this.#rooms.reduce((n, r) => n + r.listener.status().received, 0),
        processed: this.#rooms.reduce((n, r) => n + r.processing.processed, 0),
        queued: this.#ledger.queued,
        spoken: this.#ledger.spoken,
        dropped: this.#ledger.dropped
      },
      ...this.#ledger.snapshot(),
      pools: [...this.#rooms.map((r) => r.processing.pool.status()), tts.pool],
      cache: tts.cache,
      tts: {
        engine: tts.engine,
        description: tts.engineDescription,
        synthesized: tts.synthesized,
        failed: tts.failed,
        ...(tts.resilience ? { resilience: tts.resilience } : {})
      },
      player: this.player.status(),
      nowPlaying: now ? { ...now } : undefined,
      upNext: [...this.planner.peek(5), ...this.text.peek(5)].slice(0, 5).map((q) => ({
        text: q.text,
        type: q.type,
        priority: q.priority,
        ...(q.system ? { system: true as const } : {})
      })),
      shedding: this.policy.shedder.status(),
      plan: {
        enabled: this.#settings.plan.enabled,
        rateBoost: this.planner.boost,
        backlogSec: Math.round(this.planner.backlogSec * 10) / 10,
        byType
      },
      rooms: this.#rooms.map((r) => r.status(waitingByRoom.get(r.key) ?? 0)),
      ai: this.ai.status(),
      tasks: tasksStatus([...this.#rooms.map((r) => r.processing.pool.tasks), this.tts.pool.tasks]),
      components: this.manager.status()
    }
  }

  /** Events waiting for a line, per type, the app's own lines as `system` (the queue chart). */
  waitingByType(): Partial<Record<LineType | 'system', number>> {
    const out: Partial<Record<LineType | 'system', number>> = this.planner.waitingByType()
    for (const line of this.text.peek(this.text.size)) {
      const key = line.system ? 'system' : line.type
      out[key] = (out[key] ?? 0) + 1
    }
    return out
  }

  /** Waiting lines per priority lane (the queue chart), whichever source holds them. */
  #lanes(byType: Partial<Record<LineType, number>>): { priority: number; length: number }[] {
    const lanes = new Map<number, number>()
    for (const [type, n] of Object.entries(byType) as [LineType, number][]) {
      if (!n) continue
      const priority = lineRules(this.#settings, type).priority
      lanes.set(priority, (lanes.get(priority) ?? 0) + n)
    }
    return [...lanes]
      .sort((a, b) => b[0] - a[0])
      .map(([priority, length]) => ({ priority, length }))
  }

  #oldestWaitMs(): number {
    const oldest = Math.min(this.text.oldestReceivedAt(), this.planner.oldestReceivedAt())
    return Number.isFinite(oldest) ? Math.max(0, Date.now() - oldest) : 0
  }

  #speak(draft: SpeechDraft): void {
    if (this.#settings.plan.enabled) this.planner.push(draft)
    else this.text.push(draft)
  }

  #record(record: SpeechRecord, type: LineType = record.type): void {
    if (record.dropped) this.#logDrop(record, type)
    this.#ledger.record(record)
    this.#onSpeech.fire(record)
  }

  #logDrop(record: SpeechRecord, type: LineType): void {
    const reason = record.dropped!
    const what = record.text ? `"${record.text}"` : `${type} ${record.eventId}`
    this.#onLog.fire({
      level:
        reason === 'synth-failed' || reason === 'not-played' || reason === 'processing-failed'
          ? 'warn'
          : 'info',
      message: `dropped (${reason}): ${what}${record.detail ? `: ${record.detail}` : ''}`
    })
  }
}
