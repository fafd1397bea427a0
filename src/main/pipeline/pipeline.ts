import { join } from 'node:path'
import { Disposable } from '../../shared/lifecycle'
import type { Settings } from '../../shared/settings'
import type { LineType, SpeechDraft, SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { ComponentManager } from '../lifecycle/component-manager'
import type { LiveSource } from '../sources/source'
import type { Listener } from './ingest/listener'
import type { Room } from './ingest/room'
import { RoomRoster } from './ingest/room-roster'
import { AckBook } from './planner/ack-book'
import type { FirstOf } from './planner/first-of'
import type { SpeechPlanner } from './planner/speech-planner'
import { SpeechLedger } from './speech-ledger'
import { draftDropRecord, dropLogEntry } from './speech-records'
import { pipelineStatus } from './pipeline-status'
import { LineSweeper } from './line-sweeper'
import { WaitingLines } from './waiting-lines'
import type { ProcessingStage } from './processing/processing-stage'
import type { MessageQueue } from './queues/message-queue'
import type { TextQueue } from './queues/text-queue'
import { prewarmLines } from './speech-policy/prewarm-lines'
import { SpeechPolicy } from './speech-policy/speech-policy'
import { AiReplies } from './replies/ai-replies'
import { SessionStreams } from './session-streams'
import { SpeechOutput } from './speech-output'
import type { AudioPlayer } from './playback/audio-player'
import type { PlaybackDispatcher } from './playback/playback-dispatcher'
import type { TtsService } from './tts/tts-service'
import { logEntry, type LogLevel } from '../../shared/log'
import type { PipelineOptions } from './pipeline-options'

export type { PipelineOptions } from './pipeline-options'

/**
 * The whole pipeline, electron-free: listener → message queue → processing pool → speech planner
 * (or the plain text queue) → TTS pool + cache → serial audio player, run by a ComponentManager.
 * The desktop app and the headless CLI both drive it through this class. Every event received ends
 * in exactly one SpeechRecord (`onSpeech`): a line covering it, spoken or not, or a drop.
 */
export class Pipeline extends Disposable {
  #settings: Settings
  /** The rooms (sources) of the session, in the order they joined; never empty. */
  readonly #roster: RoomRoster
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
  readonly #streams = this._register(new SessionStreams())
  /** Every event received, before any filtering (`--events-out`). */
  readonly onEvent = this.#streams.onEvent
  /** Every line of speech, spoken or dropped, and every event dropped (`--speech-out`). */
  readonly onSpeech = this.#streams.onSpeech
  readonly onLog = this.#streams.onLog
  readonly #ledger = new SpeechLedger()
  readonly #acks = new AckBook()
  readonly #output: SpeechOutput
  #state: PipelineStatus['state'] = 'starting'
  #startedAt = Date.now()
  readonly #sweeper: LineSweeper
  readonly #waiting: WaitingLines

  constructor(private readonly options: PipelineOptions) {
    super()
    this.#settings = options.settings
    const settings = () => this.#settings
    const log = (level: LogLevel, message: string, code?: string) =>
      this.#streams.log(logEntry(level, message, code))
    const onResize = (r: { pool: string; from: number; to: number; reason: string }) =>
      log('info', `pool ${r.pool}: ${r.from} → ${r.to} (${r.reason})`, 'pool-resized')

    const waiting = this._register(new WaitingLines(settings, (room) => this.#roster.rulesOf(room)))
    this.#waiting = waiting
    this.planner = waiting.planner
    this.text = waiting.text
    this.lines = waiting.lines
    const output = this._register(new SpeechOutput(options, settings, this.lines, log, onResize))
    this.player = output.player
    this.tts = output.tts
    this.playback = output.playback
    this.#output = output
    this.policy = new SpeechPolicy(settings, (draft) => this.#waiting.push(draft), log)
    this.ai = this._register(
      new AiReplies({
        settings,
        speak: (draft) => {
          this.#ledger.queued++
          this.#waiting.push(draft)
        },
        record: (record) => this.#record(record),
        log
      })
    )
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
    this._register(this.player.onLog((entry) => this.#streams.log(entry)))
    // Disposal runs in reverse: the sweeper, AI replies, the manager, the rooms, the stages.
    this.#roster = this._register(
      new RoomRoster({
        settings,
        processingWorker: join(options.workerDir, 'processing.worker.js'),
        shedLevel: () => this.policy.shedder.level,
        onResize,
        log,
        received: (received) => {
          this.#ledger.eventIn()
          this.#streams.event(received)
        },
        dropped: (record, type) => this.#record(record, type),
        draft: (draft) => this.#admit(draft)
      })
    )
    // The player's trouble is the audio device's: said with a code, so the app never reads the text.
    this.manager = this._register(
      new ComponentManager({
        log: (level, message, component) =>
          this.#streams.log({
            level,
            message,
            ...(component === this.player.id ? { code: 'audio-device' } : {})
          })
      })
    )
    this._register(this.ai)
    this.#sweeper = this._register(
      new LineSweeper(() => {
        this.lines.dropStale(Date.now())
        // The planner merges instead of shedding; the plain queue sheds by its length.
        this.policy.tick(this.#waiting.shedBacklog)
        return this.lines.size > 0 || this.policy.shedder.level > 0
      })
    )
    this._register(this.lines.onDidChange(() => this.#sweeper.wake()))
    // Consumers first, the producers (the rooms) last; stop runs in reverse (ingress first).
    if (options.speech !== false) {
      this.manager.register(this.player)
      this.manager.register(this.tts)
      this.manager.register(this.playback)
    }
    const first = this.#roster.add(options.spec ?? options.source.kind, options.source)
    for (const component of first.components) this.manager.register(component)
  }

  /** The rooms of the session, in the order they joined. */
  get rooms(): readonly Room[] {
    return this.#roster.all
  }

  /** The first room's message queue (single-room callers and benchmarks). */
  get messages(): MessageQueue {
    return this.#roster.first.messages
  }

  /** The first room's processing stage (single-room callers and benchmarks). */
  get processing(): ProcessingStage {
    return this.#roster.first.processing
  }

  /** The first room's listener. */
  get listener(): Listener {
    return this.#roster.first.listener
  }

  /**
   * Another room joins the session (a co-stream, a second account): its own source, message queue
   * and processing pool, sharing the planner and the voice. Returns its key.
   */
  async addRoom(spec: string, source: LiveSource): Promise<string> {
    const room = this.#roster.add(spec, source)
    await this.manager.add(room.components)
    return room.key
  }

  /**
   * A room leaves: its source stops, what it still had queued is dropped (`shutdown`), the other
   * rooms are not disturbed. The last room cannot leave (stop the session instead).
   */
  async removeRoom(key: string, drainMs = 0): Promise<boolean> {
    const room = this.#roster.find(key)
    if (!room || this.#roster.all.length === 1) return false
    await this.manager.remove(room.components, Date.now() + drainMs)
    this.#roster.delete(room)
    this.planner.dropRoom(key)
    return true
  }

  /** A room's draft: the speech policy admits it (or it is recorded as dropped), then it waits. */
  #admit(draft: SpeechDraft): void {
    const refused = this.policy.admit(draft)
    if (refused) return this.#record(draftDropRecord(draft, refused, 'miss'))
    this.#ledger.queued++
    if (this.options.speech !== false) {
      this.#waiting.push(draft)
      this.ai.consider(draft)
    }
  }

  get settings(): Settings {
    return this.#settings
  }

  async start(): Promise<void> {
    this.#startedAt = Date.now()
    this.#sweeper.start()
    this.#output.checkRecording()
    await this.manager.startAll()
    this.#state = 'running'
    if (this.options.speech !== false && this.#settings.prewarm.enabled) {
      void this.tts
        .prewarm(prewarmLines(this.#settings), () => this.#state === 'running')
        .then((n) => {
          if (n > 0)
            this.#streams.log(logEntry('info', `pre-warmed ${n} common lines`, 'prewarmed'))
        })
    }
  }

  /** Graceful stop: ingress first, then drain what is queued until the deadline. */
  async stop(drainMs = this.options.drainMs ?? 5000): Promise<void> {
    if (this.#state === 'stopped' || this.#state === 'stopping') return
    this.#state = 'stopping'
    this.ai.dispose()
    await this.manager.stopAll(Date.now() + drainMs)
    this.#sweeper.stop()
    this.#state = 'stopped'
  }

  /** True when every room's source has ended and nothing is queued, processing or playing. */
  isIdle(): boolean {
    return this.#roster.all.every((r) => r.listener.ended) && this.isDrained()
  }

  /** Whether every queue is empty and nothing is in flight (sources may still be running). */
  isDrained(): boolean {
    return (
      this.#roster.all.every((r) => r.isDrained()) &&
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
    return this.#waiting.pushAppLine(text)
  }

  setVolume(volume: number): void {
    this.#settings = { ...this.#settings, audio: { ...this.#settings.audio, volume } }
    this.player.setVolume(volume)
  }

  /** Applies validated settings live: pool bounds, queue caps, templates, filters, cache size, volume. */
  updateSettings(next: Settings): void {
    this.#settings = next
    for (const room of this.#roster.all) {
      room.applySettings(next)
      // Switched off: what it already had waiting goes too (recorded), not only what comes next.
      if (this.#roster.settingsOf(room.spec)?.enabled === false)
        this.planner.dropRoom(room.key, 'room-off')
    }
    this.#output.applySettings(next)
  }

  status(): PipelineStatus {
    return pipelineStatus({
      settings: this.#settings,
      startedAt: this.#startedAt,
      state: this.#state,
      rooms: this.#roster.all,
      planner: this.planner,
      text: this.text,
      lines: this.lines,
      tts: this.tts,
      player: this.player,
      playback: this.playback,
      policy: this.policy,
      ai: this.ai,
      ledger: this.#ledger,
      acks: this.#acks,
      manager: this.manager
    })
  }

  /** Events waiting for a line, per type, the app's own lines as `system` (the queue chart). */
  waitingByType(): Partial<Record<LineType | 'system', number>> {
    return this.#waiting.waitingByType()
  }

  #record(record: SpeechRecord, type: LineType = record.type): void {
    if (record.dropped) this.#streams.log(dropLogEntry(record, type))
    this.#ledger.record(record)
    this.#streams.speech(record)
  }
}
