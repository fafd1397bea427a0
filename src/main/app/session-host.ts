import { join } from 'node:path'
import { MAX_ROOMS, type Session } from '../../shared/ipc/contract'
import { AsyncDisposable } from '../../shared/lifecycle'
import type { Settings } from '../../shared/settings'
import type { PipelineStatus } from '../../shared/status'
import { Pipeline } from '../pipeline/pipeline'
import { SessionStreams } from '../pipeline/session-streams'
import type { TtsEngine } from '../pipeline/tts/engine'
import { createEngine as createConfiguredEngine } from '../pipeline/tts/engine-factory'
import { describeResilienceEvent } from '../pipeline/tts/resilience/describe'
import { SourceError, type LiveSource } from '../sources/source'
import { createSource, resolveSourceSpec, type SourceSetup } from '../sources/source-registry'
import type { AppControllerOptions } from './app-controller'
import { CodedError } from './coded-error'
import { CommandQueue, SUPERSEDED } from './command-queue'
import type { Notify } from './notice-board'
import { previewVoice } from './voice-preview'

/** Settings whose change needs a new speech engine (voice and rate apply per line anyway). */
const engineKey = (s: Settings) => JSON.stringify([s.tts.engine, s.tts.engines])

/**
 * The current session: at most one pipeline, its rooms and its speech engine. Session and settings
 * changes run one at a time through its command queue (a burst of connects leaves one pipeline).
 * Kept apart from the controller so starting, growing and ending a session is one module's job;
 * disposing it ends the session (drained, like a disconnect).
 */
export class SessionHost extends AsyncDisposable {
  #pipeline: Pipeline | undefined
  #session: Session = { state: 'idle' }
  #lastStatus: PipelineStatus | null = null
  #previewing = false
  #engineKey: string
  /** Session and settings changes, one at a time (a burst of connects leaves one pipeline). */
  readonly queue = new CommandQueue()
  readonly #streams = this._register(new SessionStreams())
  /** Every event received, before any filtering (`--events-out`). */
  readonly onEvent = this.#streams.onEvent
  /** Every line of speech, spoken or dropped, and every event dropped (`--speech-out`). */
  readonly onSpeech = this.#streams.onSpeech
  readonly onLog = this.#streams.onLog

  constructor(
    private readonly options: AppControllerOptions,
    private readonly notify: Notify
  ) {
    super()
    this.#engineKey = engineKey(options.store.settings)
    // Registered after the emitters, so disposed before them: the session drains first.
    this._register({
      dispose: async () => void (await this.queue.enqueue(() => this.#disconnect()))
    })
  }

  get pipeline(): Pipeline | undefined {
    return this.#pipeline
  }

  get session(): Session {
    return this.#session
  }

  /** The running session's status, or the final status of the last one. */
  status(): PipelineStatus | null {
    return this.#pipeline?.status() ?? this.#lastStatus
  }

  /** Starts a session on `spec` (queued; SUPERSEDED when a later connect/disconnect replaced it). */
  connect(spec: string): Promise<Session | typeof SUPERSEDED> {
    return this.queue.enqueue(() => this.#connect(spec), true)
  }

  /** Ends the session (queued like connect). */
  disconnect(): Promise<Session | typeof SUPERSEDED> {
    return this.queue.enqueue(() => this.#disconnect(), true)
  }

  /** The session once every queued change has run (what a superseded change answers). */
  async settled(): Promise<Session> {
    await this.queue.idle()
    return this.#session
  }

  /** Another room joins (or starts the session when idle); a source error keeps its code. */
  addRoom(spec: string): Promise<{ session: Session; key: string }> {
    return this.queue.enqueue(() => this.#addRoom(spec))
  }

  removeRoom(key: string): Promise<Session> {
    return this.queue.enqueue(() => this.#removeRoom(key))
  }

  requirePipeline(): Pipeline {
    if (!this.#pipeline)
      throw new CodedError('need-session', 'Connect to a room (or the demo) first.')
    return this.#pipeline
  }

  /** Settings changed: the session follows at once. */
  applySettings(settings: Settings): void {
    this.#pipeline?.updateSettings(settings)
  }

  /** Another engine chosen while a session runs: it takes over at the next line. */
  async swapEngineIfChanged(settings: Settings): Promise<void> {
    if (engineKey(settings) === this.#engineKey) return
    this.#engineKey = engineKey(settings)
    const pipeline = this.#pipeline
    if (!pipeline || this.options.createEngine) return
    try {
      await pipeline.tts.replaceEngine(await this.createEngine())
    } catch (err) {
      this.#streams.log({
        level: 'error',
        code: 'engine-not-changed',
        message: `speech engine not changed: ${(err as Error).message}`
      })
    }
  }

  /** 试听 with validated draft settings: one sample line, through the session's player if any. */
  async preview(
    settings: Settings,
    text: string
  ): Promise<{ engine: string; spokenBy?: string; usedFallback?: boolean }> {
    if (this.#previewing) throw new CodedError('preview-busy', 'a sample is already playing')
    this.#previewing = true
    try {
      const engine = this.options.createEngine
        ? await this.options.createEngine()
        : await this.createEngine(settings)
      // A session's player owns the output (and a WAV file): the sample queues behind its line.
      const player = this.#pipeline?.player
      return await previewVoice(
        engine,
        settings,
        text,
        player ? (clip) => player.play(clip) : undefined,
        this.options
      )
    } finally {
      this.#previewing = false
    }
  }

  /** The engine the settings ask for; a substitute or a tripped circuit becomes a notice. */
  createEngine(settings: Settings = this.options.store.settings): Promise<TtsEngine> {
    return createConfiguredEngine(settings, {
      ttsWorkerFile: join(this.options.workerDir, 'tts.worker.js'),
      onResilienceEvent: (e) => {
        this.#streams.log({
          level: e.type === 'retry' ? 'info' : 'warn',
          code: `engine-${e.type}`,
          message: describeResilienceEvent(e)
        })
        if (e.type === 'circuit' && e.state === 'open')
          this.notify('warn', 'engine-circuit-open', describeResilienceEvent(e), {
            params: { engine: e.engine, seconds: Math.round(e.cooldownMs / 1000) }
          })
      },
      onSubstitute: ({ wanted, used, reason }) =>
        this.notify('warn', 'engine-substituted', `${wanted} cannot run here; ${used} speaks`, {
          params: { engine: wanted, used, reason }
        })
    })
  }

  async #addRoom(spec: string): Promise<{ session: Session; key: string }> {
    if (!this.#pipeline) {
      const session = await this.#connect(spec)
      const started = this.#pipeline as Pipeline | undefined
      if (!started)
        throw new CodedError(session.errorCode ?? 'failed', session.error ?? 'not connected', {
          ...session.errorParams
        })
      return { session, key: started.rooms[0]!.key }
    }
    const pipeline = this.#pipeline
    if (pipeline.rooms.length >= MAX_ROOMS)
      throw new CodedError('too-many-rooms', `at most ${MAX_ROOMS} rooms at once`, {
        max: MAX_ROOMS
      })
    let source: LiveSource
    try {
      const options = this.#sourceOptions()
      spec = await resolveSourceSpec(spec, options)
      source = createSource(spec, options)
    } catch (err) {
      if (err instanceof SourceError) throw new CodedError(err.code, err.message, err.params)
      throw err
    }
    if (pipeline.rooms.some((r) => r.spec === spec))
      throw new CodedError('room-joined', `${spec} is already in this session`, { spec })
    const key = await pipeline.addRoom(spec, source)
    this.#session = { ...this.#session, sources: pipeline.rooms.map((r) => r.spec) }
    return { session: this.#session, key }
  }

  async #removeRoom(key: string): Promise<Session> {
    const pipeline = this.requirePipeline()
    if (!pipeline.rooms.some((r) => r.key === key))
      throw new CodedError('no-room', `no room ${key} in this session`, { key })
    if (!(await pipeline.removeRoom(key)))
      throw new CodedError('last-room', 'the last room cannot leave; disconnect instead', { key })
    this.#session = { ...this.#session, sources: pipeline.rooms.map((r) => r.spec) }
    return this.#session
  }

  async #connect(spec: string): Promise<Session> {
    await this.#disconnect()
    this.#session = { state: 'connecting', source: spec }
    let pipeline: Pipeline
    try {
      const sourceOptions = this.#sourceOptions()
      spec = await resolveSourceSpec(spec, sourceOptions)
      const source = createSource(spec, sourceOptions)
      const o = this.options
      pipeline = new Pipeline({
        settings: o.store.settings,
        source,
        spec,
        workerDir: o.workerDir,
        audio: o.audio,
        audioPace: o.audioPace,
        recordingsDir: o.recordingsDir,
        playerEnv: o.playerEnv,
        playerLauncher: o.playerLauncher,
        probedOutput: o.probedOutput,
        createEngine: o.createEngine ?? (() => this.createEngine()),
        drainMs: o.drainMs
      })
    } catch (err) {
      const code = err instanceof SourceError ? err.code : 'failed'
      const params = err instanceof SourceError ? err.params : {}
      this.#session = {
        state: 'idle',
        source: spec,
        error: (err as Error).message,
        errorCode: code,
        ...(Object.keys(params).length > 0 ? { errorParams: params } : {})
      }
      this.notify('error', 'source-failed', (err as Error).message, {
        params: { code, ...params }
      })
      return this.#session
    }
    this.#pipeline = pipeline
    this.#wire(pipeline)
    await pipeline.start()
    this.#session = { state: 'running', source: spec, sources: [spec] }
    return this.#session
  }

  /** The pipeline's streams become the host's (they outlive any one session). */
  #wire(pipeline: Pipeline): void {
    pipeline.onEvent((received) => this.#streams.event(received))
    pipeline.onSpeech((record) => this.#streams.speech(record))
    pipeline.onLog((entry) => {
      this.#streams.log(entry)
      // Branch on the code, never the text: the player's own lines carry 'audio-device'.
      if (entry.code === 'audio-device')
        this.notify(
          entry.level === 'error' ? 'error' : 'warn',
          'audio-device',
          entry.message.replace(/^audio: /, '')
        )
      else if (entry.level === 'error') this.notify('error', 'pipeline', entry.message)
    })
  }

  async #disconnect(): Promise<Session> {
    const pipeline = this.#pipeline
    if (!pipeline) return this.#session
    this.#session = { ...this.#session, state: 'stopping' }
    await pipeline.stop()
    this.#lastStatus = pipeline.status()
    pipeline.dispose()
    this.#pipeline = undefined
    this.#session = { state: 'idle', source: this.#session.source }
    return this.#session
  }

  /** Source options with the room settings (capture mode, cookie) unless a flag set them. */
  #sourceOptions(): SourceSetup {
    const base = this.options.sourceOptions
    const room = this.options.store.settings.room
    return {
      ...base,
      douyin: {
        ...base.douyin,
        mode: base.douyin?.mode ?? room.mode,
        cookie: base.douyin?.cookie ?? (room.cookie || undefined)
      }
    }
  }
}
