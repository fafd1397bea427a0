import { join } from 'node:path'
import { Emitter } from '../../shared/emitter'
import type { LiveEvent } from '../../shared/events'
import type { SinkSpec } from '../../shared/player-protocol'
import type { Settings } from '../../shared/settings'
import type { DropReason, SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { ComponentManager } from '../app/component-manager'
import { ensureDir } from '../files/ensure-dir'
import type { LiveSource } from '../sources/source'
import { Listener } from './ingest/listener'
import { SpeechLedger } from './speech-ledger'
import { AudioPlayer } from './playback/audio-player'
import { PlaybackDispatcher } from './playback/playback-dispatcher'
import type { PlayerLauncher } from './playback/player-launcher'
import { ProcessingStage } from './processing/processing-stage'
import { MessageQueue } from './queues/message-queue'
import { TextQueue } from './queues/text-queue'
import type { TtsEngine } from './tts/engine'
import { createEngine } from './tts/engine-factory'
import { describeResilienceEvent } from './tts/resilience/describe'
import { TtsService } from './tts/tts-service'
import { prewarmLines } from './speech-policy/prewarm-lines'
import { SpeechPolicy } from './speech-policy/speech-policy'

export type LogLevel = 'info' | 'warn' | 'error'

export interface PipelineOptions {
  settings: Settings
  source: LiveSource
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
 * The whole pipeline, electron-free: listener → message queue → processing pool → text queue →
 * TTS pool + cache → serial audio player, run by a ComponentManager. The desktop app and the
 * headless CLI both drive it through this class.
 */
export class Pipeline {
  #settings: Settings
  readonly messages: MessageQueue
  readonly text: TextQueue
  readonly listener: Listener
  readonly processing: ProcessingStage
  readonly tts: TtsService
  readonly player: AudioPlayer
  readonly playback: PlaybackDispatcher
  readonly manager: ComponentManager
  readonly policy: SpeechPolicy
  readonly #onEvent = new Emitter<{ event: LiveEvent; receivedAt: number }>()
  readonly #onSpeech = new Emitter<SpeechRecord>()
  readonly #onLog = new Emitter<{ level: LogLevel; message: string }>()
  /** Every event received, before any filtering (`--events-out`). */
  readonly onEvent = this.#onEvent.event
  /** Every line of speech, spoken or dropped (`--speech-out`). */
  readonly onSpeech = this.#onSpeech.event
  readonly onLog = this.#onLog.event
  readonly onSourceEnd
  readonly #ledger = new SpeechLedger()
  #state: PipelineStatus['state'] = 'starting'
  #startedAt = Date.now()
  #sweeper: NodeJS.Timeout | undefined
  #recordProblem: string | undefined

  constructor(private readonly options: PipelineOptions) {
    this.#settings = options.settings
    const settings = () => this.#settings
    const log = (level: LogLevel, message: string) => this.#onLog.fire({ level, message })
    const onResize = (r: { pool: string; from: number; to: number; reason: string }) =>
      log('info', `pool ${r.pool}: ${r.from} → ${r.to} (${r.reason})`)

    this.messages = new MessageQueue(this.#settings.queues.messageCapacity, (type) =>
      settings().events[type].enabled ? settings().events[type].priority : -1
    )
    this.text = new TextQueue(() => ({
      capacity: settings().queues.textCapacity,
      capOf: (type) => settings().events[type].cap,
      freshnessMsOf: (type) => settings().events[type].freshnessSec * 1000
    }))
    this.player = new AudioPlayer({
      file: join(options.workerDir, 'player.process.js'),
      sink: this.#sink(),
      record: this.#recordPath(),
      pace: options.audioPace ?? 'realtime',
      volume: this.#settings.audio.volume,
      env: options.playerEnv,
      launcher: options.playerLauncher
    })
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
    this.playback = new PlaybackDispatcher(this.text, this.tts, this.player)
    this.policy = new SpeechPolicy(settings, this.text, log)
    this.processing = new ProcessingStage(
      this.messages,
      settings,
      join(options.workerDir, 'processing.worker.js'),
      { onResize, log, shedLevel: () => this.policy.shedder.level }
    )
    this.listener = new Listener(options.source, (event, receivedAt) => {
      this.#ledger.eventIn()
      this.#onEvent.fire({ event, receivedAt })
      this.messages.push(event, receivedAt)
    })
    this.onSourceEnd = this.listener.onDidEnd

    this.messages.onDidDrop(({ item, reason }) =>
      this.#countDrop(reason, `${item.event.type} ${item.event.id}`)
    )
    this.processing.onDrop(({ reason, eventId, type }) => {
      if (reason !== 'type-off') this.#countDrop(reason, `${type} ${eventId}`)
    })
    this.processing.onDraft((draft) => {
      const refused = this.policy.admit(draft)
      if (refused) {
        this.#record({
          text: draft.text,
          type: draft.type,
          priority: draft.priority,
          eventId: draft.eventId,
          receivedAt: draft.receivedAt,
          cache: 'miss',
          dropped: refused
        })
        return
      }
      this.#ledger.queued++
      if (this.options.speech !== false) this.text.push(draft)
    })
    this.text.onDidDrop(({ item, reason }) =>
      this.#record({
        text: item.text,
        type: item.type,
        priority: item.priority,
        eventId: item.eventId,
        receivedAt: item.receivedAt,
        cache: this.tts.isCached(item.text, item) ? 'hit' : 'miss',
        dropped: reason,
        ...(item.system ? { system: true as const } : {})
      })
    )
    this.playback.onDidSpeak((record) => this.#record(record))
    this.listener.onLog(({ level, message }) => log(level, message))
    this.player.onLog(({ level, message }) => log(level, message))

    this.manager = new ComponentManager({ log })
    // Consumers first, the producer last; stop runs in reverse (ingress first).
    if (options.speech !== false) {
      this.manager.register(this.player)
      this.manager.register(this.tts)
      this.manager.register(this.playback)
    }
    this.manager.register(this.processing)
    this.manager.register(this.listener)
  }

  get settings(): Settings {
    return this.#settings
  }

  async start(): Promise<void> {
    this.#startedAt = Date.now()
    this.#sweeper = setInterval(() => {
      this.text.dropStale(Date.now())
      this.policy.tick()
    }, 250)
    this.#sweeper.unref()
    if (this.#recordProblem) this.#onLog.fire({ level: 'warn', message: this.#recordProblem })
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
    await this.manager.stopAll(Date.now() + drainMs)
    clearInterval(this.#sweeper)
    this.#state = 'stopped'
  }

  /** True when the source has ended and nothing is queued, processing or playing. */
  isIdle(): boolean {
    return (
      this.listener.ended &&
      this.messages.size === 0 &&
      this.processing.inFlight === 0 &&
      this.text.size === 0 &&
      !this.playback.busy
    )
  }

  /** Whether every queue is empty and nothing is in flight (the source may still be running). */
  isDrained(): boolean {
    return (
      this.messages.size === 0 &&
      this.processing.inFlight === 0 &&
      this.text.size === 0 &&
      !this.playback.busy
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

  /** Drops everything waiting (`cleared`) and stops the current line. */
  clear(): void {
    this.text.clear('cleared')
    this.playback.skip()
  }

  setVolume(volume: number): void {
    this.#settings = { ...this.#settings, audio: { ...this.#settings.audio, volume } }
    this.player.setVolume(volume)
  }

  /** Applies validated settings live: pool bounds, queue caps, templates, filters, cache size, volume. */
  updateSettings(next: Settings): void {
    this.#settings = next
    this.messages.capacity = next.queues.messageCapacity
    this.processing.pool.applyBounds()
    this.tts.applySettings()
    this.player.setVolume(next.audio.volume)
    void this.player.switchOutput(this.#sink(), this.#recordPath())
  }

  /**
   * Where `audio.recordFile` is saved: always inside the recordings folder, made on demand. A
   * problem is logged (at start for the first call, when nobody listens yet).
   */
  #recordPath(): string | undefined {
    const name = this.#settings.audio.recordFile
    const dir = this.options.recordingsDir
    let problem: string | undefined
    if (name && !dir) problem = 'recording is off: no recordings folder'
    else if (name && dir) {
      try {
        ensureDir(dir)
        return join(dir, name)
      } catch (err) {
        problem = `recording is off: ${(err as Error).message}`
      }
    }
    if (problem && this.#state === 'starting') this.#recordProblem = problem
    else if (problem) this.#onLog.fire({ level: 'warn', message: problem })
    return undefined
  }

  /** The sink from the options, with the device chosen in settings when it is the speaker. */
  #sink(): SinkSpec {
    const base = this.options.audio
    const device = this.#settings.audio.device
    return base.kind === 'speaker' && !base.device && device ? { kind: 'speaker', device } : base
  }

  status(): PipelineStatus {
    const listener = this.listener.status()
    const tts = this.tts.status()
    const now = this.playback.current
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
        message: { length: this.messages.size, capacity: this.messages.capacity },
        text: {
          length: this.text.size,
          capacity: this.#settings.queues.textCapacity,
          lanes: this.text.lanes(),
          byType: this.text.byType(),
          oldestWaitMs:
            this.text.size === 0 ? 0 : Math.max(0, Date.now() - this.text.oldestReceivedAt())
        }
      },
      counts: {
        received: listener.received,
        processed: this.processing.processed,
        queued: this.#ledger.queued,
        spoken: this.#ledger.spoken,
        dropped: this.#ledger.dropped
      },
      ...this.#ledger.snapshot(),
      pools: [this.processing.pool.status(), tts.pool],
      cache: tts.cache,
      tts: {
        engine: tts.engine,
        description: tts.engineDescription,
        synthesized: tts.synthesized,
        failed: tts.failed,
        ...(tts.resilience ? { resilience: tts.resilience } : {})
      },
      player: this.player.status(),
      nowPlaying: now ? { text: now.text, type: now.type, eventId: now.eventId } : undefined,
      upNext: this.text.peek(5).map((q) => ({
        text: q.text,
        type: q.type,
        priority: q.priority,
        ...(q.system ? { system: true as const } : {})
      })),
      shedding: this.policy.shedder.status(),
      components: this.manager.status()
    }
  }

  #record(record: SpeechRecord): void {
    if (record.dropped)
      this.#logDrop(record.dropped, `"${record.text}"${record.detail ? `: ${record.detail}` : ''}`)
    this.#ledger.record(record)
    this.#onSpeech.fire(record)
  }

  #countDrop(reason: DropReason, what: string): void {
    this.#ledger.drop(reason)
    this.#logDrop(reason, what)
  }

  #logDrop(reason: DropReason, what: string): void {
    this.#onLog.fire({
      level:
        reason === 'synth-failed' || reason === 'not-played' || reason === 'processing-failed'
          ? 'warn'
          : 'info',
      message: `dropped (${reason}): ${what}`
    })
  }

  dispose(): void {
    clearInterval(this.#sweeper)
    this.manager.dispose()
    this.listener.dispose()
    this.processing.dispose()
    this.playback.dispose()
    this.player.dispose()
    this.messages.dispose()
    this.text.dispose()
    this.#onEvent.dispose()
    this.#onSpeech.dispose()
    this.#onLog.dispose()
  }
}
