import { Emitter } from '../../shared/emitter'
import type {
  CommandArgs,
  CommandName,
  CommandResults,
  Events,
  FeedItem,
  Notice,
  ObsLink,
  OverlayState,
  QueueSample,
  Result,
  Session,
  Snapshot,
  SpeechLine
} from '../../shared/ipc/contract'
import { MAX_ROOMS, parseCommand } from '../../shared/ipc/contract'
import type { Settings } from '../../shared/settings'
import type { IssueParams } from '../../shared/settings-issues'
import type { SinkSpec } from '../../shared/player-protocol'
import type { LiveEvent } from '../../shared/events'
import type { SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import type { LogEntry } from '../../shared/log'
import { Pipeline } from '../pipeline/pipeline'
import type { PlayerLauncher } from '../pipeline/playback/player-launcher'
import type { TtsEngine } from '../pipeline/tts/engine'
import type { SettingsStore, SettingsUpdate } from '../settings/settings-store'
import { createSource, resolveSourceSpec, type SourceSetup } from '../sources/source-registry'
import { createEngine as createConfiguredEngine } from '../pipeline/tts/engine-factory'
import { describeResilienceEvent } from '../pipeline/tts/resilience/describe'
import { CodedError } from './coded-error'
import { engineInfo } from './engine-info'
import { invalidSettings, mergedSettings, platformIssues } from './settings-check'
import { previewVoice, SAMPLE_LINE } from './voice-preview'
import { SourceError, type LiveSource } from '../sources/source'
import { listOutputDevices } from '../pipeline/playback/output-devices'
import { listVoices } from '../pipeline/tts/engine-voices'
import { join } from 'node:path'
import { RecentBuffer, toFeedItem, toSpeechLine } from './feed'
import { CommandQueue, SUPERSEDED } from './command-queue'

export interface AppControllerOptions {
  store: SettingsStore
  workerDir: string
  sourceOptions: SourceSetup
  audio: SinkSpec
  audioPace?: 'realtime' | 'fast'
  /** The folder recordings (`audio.recordFile`) are kept in. */
  recordingsDir?: string
  playerEnv?: NodeJS.ProcessEnv
  playerLauncher?: PlayerLauncher
  createEngine?: () => Promise<TtsEngine>
  drainMs?: number
  /** How often `tick` is pushed (a few times a second). */
  tickMs?: number
}

const HISTORY = 300

/** What the OBS link's owner (the local server) offers the controller. */
export interface ObsLinkProvider {
  link(): ObsLink
  /** A new overlay token; the old link stops working. */
  reset(): ObsLink
}

/** Settings whose change needs a new speech engine (voice and rate apply per line anyway). */
const engineKey = (s: Settings) => JSON.stringify([s.tts.engine, s.tts.engines])

/**
 * The app's main-process brain, electron-free: owns the settings and the current session's pipeline,
 * answers the contract's commands and pushes throttled `tick` snapshots. The Electron shell and the
 * headless WebSocket bridge are only transports around it.
 */
export class AppController {
  #pipeline: Pipeline | undefined
  #session: Session = { state: 'idle' }
  readonly #feed = new RecentBuffer<FeedItem>(100)
  readonly #speech = new RecentBuffer<SpeechLine>(50)
  #history: QueueSample[] = []
  #notices: Notice[] = []
  #seq = 0
  #lastSampleAt = 0
  readonly #timer: NodeJS.Timeout
  #lastStatus: PipelineStatus | null = null
  #overlayUrl: string | undefined
  readonly #emitters = {
    tick: new Emitter<Events['tick']>(),
    settings: new Emitter<Events['settings']>(),
    notice: new Emitter<Events['notice']>(),
    overlay: new Emitter<Events['overlay']>(),
    obsLink: new Emitter<Events['obsLink']>()
  }
  #obsLink: ObsLinkProvider | undefined
  #previewing = false
  readonly onTick = this.#emitters.tick.event
  readonly onSettings = this.#emitters.settings.event
  readonly onNotice = this.#emitters.notice.event
  /** The OBS overlay's view changed (what its read-only links receive). */
  readonly onOverlay = this.#emitters.overlay.event
  /** The OBS link changed (server started, token reset). */
  readonly onObsLink = this.#emitters.obsLink.event
  #overlay: OverlayState = {}
  #overlayKey = '{}'
  readonly #onEvent = new Emitter<{ event: LiveEvent; receivedAt: number }>()
  readonly #onSpeech = new Emitter<SpeechRecord>()
  readonly #onLog = new Emitter<LogEntry>()
  /** Every event of every session (for --events-out). */
  readonly onEvent = this.#onEvent.event
  /** Every line of speech of every session (for --speech-out). */
  readonly onSpeech = this.#onSpeech.event
  readonly onLog = this.#onLog.event
  /** Session and settings changes, one at a time (a burst of connects leaves one pipeline). */
  readonly #queue = new CommandQueue()
  #disposed = false

  constructor(private readonly options: AppControllerOptions) {
    for (const n of options.store.loadNotices)
      this.notify('warn', n.code, n.message, {
        params: n.backup ? { backup: n.backup } : undefined,
        fields: n.fields
      })
    let engineSettings = engineKey(options.store.settings)
    options.store.onDidChange((settings) => {
      this.#pipeline?.updateSettings(settings)
      this.#emitters.settings.fire(settings)
      if (engineKey(settings) !== engineSettings) {
        engineSettings = engineKey(settings)
        void this.#swapEngine()
      }
    })
    this.#timer = setInterval(() => this.#tick(), options.tickMs ?? 250)
    this.#timer.unref()
  }

  get pipeline(): Pipeline | undefined {
    return this.#pipeline
  }

  get session(): Session {
    return this.#session
  }

  /** Validates and runs one command from a transport. Never throws. */
  async dispatch(name: unknown, args: unknown): Promise<Result<unknown>> {
    const parsed = parseCommand(name, args)
    if (!parsed.ok) return parsed
    if (this.#disposed)
      return { ok: false, error: { code: 'failed', message: 'DanmuVoice is shutting down' } }
    try {
      return await this.#run(parsed.name, parsed.args as never)
    } catch (err) {
      const coded = err instanceof CodedError ? { reason: err.reason, params: err.params } : {}
      return { ok: false, error: { code: 'failed', message: (err as Error).message, ...coded } }
    }
  }

  async #run<C extends CommandName>(name: C, args: CommandArgs<C>): Promise<Result<unknown>> {
    const ok = <T>(value: T): Result<T> => ({ ok: true, value })
    switch (name) {
      case 'getSnapshot':
        return ok(this.snapshot())
      case 'updateSettings': {
        const patch = (args as CommandArgs<'updateSettings'>).patch
        const refused = platformIssues(patch)
        if (refused.length > 0) return { ok: false, error: invalidSettings(refused) }
        const result = await this.#queue.enqueue(async () => this.options.store.update(patch))
        if (result.ok || result.code !== 'invalid-settings') return settingsResult(result)
        // Worded per field in every window: the issues of the patch over what is live now.
        const merged = mergedSettings(this.options.store.settings, patch)
        return { ok: false, error: invalidSettings(merged.ok ? [] : merged.issues) }
      }
      case 'resetSettings':
        return settingsResult(await this.#queue.enqueue(async () => this.options.store.reset()))
      case 'connect': {
        const source = (args as CommandArgs<'connect'>).source
        return sessionResult(await this.#queue.enqueue(() => this.#connect(source), true))
      }
      case 'disconnect':
        return sessionResult(await this.#queue.enqueue(() => this.#disconnect(), true))
      case 'addRoom':
        return ok(await this.addRoom((args as CommandArgs<'addRoom'>).source))
      case 'removeRoom': {
        const key = (args as CommandArgs<'removeRoom'>).key
        return ok(await this.#queue.enqueue(() => this.#removeRoom(key)))
      }
      case 'control': {
        const p = this.#requirePipeline()
        const action = (args as CommandArgs<'control'>).action
        if (action === 'pause') p.pause()
        else if (action === 'resume') p.resume()
        else if (action === 'skip') p.skip()
        else p.clear()
        return ok(null)
      }
      case 'setVolume': {
        const volume = (args as CommandArgs<'setVolume'>).volume
        const result = this.options.store.update({ audio: { volume } })
        return result.ok ? ok(null) : settingsResult(result)
      }
      case 'listVoices':
        return ok(
          await listVoices(
            (args as CommandArgs<'listVoices'>).engine ?? this.options.store.settings.tts.engine
          )
        )
      case 'listEngines':
        return ok(await engineInfo())
      case 'previewVoice':
        return this.#preview(args as CommandArgs<'previewVoice'>)
      case 'resetOverlayToken': {
        if (!this.#obsLink) throw new CodedError('no-server', 'the OBS link is not being served')
        const link = this.#obsLink.reset()
        this.setObsLink(link)
        return ok(link)
      }
      case 'listDevices':
        return ok(await listOutputDevices({ ...process.env, ...this.options.playerEnv }))
      case 'testVoice': {
        const p = this.#requirePipeline()
        const text =
          (args as CommandArgs<'testVoice'>).text ?? '测试语音：欢迎来到直播间，感谢大家的支持'
        p.say(text)
        return ok(null)
      }
      default:
        return {
          ok: false,
          error: { code: 'bad-command', message: `unhandled command ${String(name)}` }
        } satisfies Result<CommandResults[C]>
    }
  }

  /**
   * Starts a session on `spec`, replacing the current one. Queued behind other session and settings
   * changes; a later connect/disconnect that arrives first makes this one a no-op.
   */
  async connect(spec: string): Promise<Session> {
    const session = await this.#queue.enqueue(() => this.#connect(spec), true)
    return session === SUPERSEDED ? this.#afterQueue() : session
  }

  /**
   * Another room joins the running session (several rooms at once), or starts one when idle.
   * Queued like connect. A source that cannot be opened is a CodedError with the source's code.
   */
  addRoom(spec: string): Promise<{ session: Session; key: string }> {
    return this.#queue.enqueue(() => this.#addRoom(spec))
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
    this.#session = { ...this.#session, sources: this.#pipeline.rooms.map((r) => r.spec) }
    return { session: this.#session, key }
  }

  async #removeRoom(key: string): Promise<Session> {
    const pipeline = this.#requirePipeline()
    if (!pipeline.rooms.some((r) => r.key === key))
      throw new CodedError('no-room', `no room ${key} in this session`, { key })
    if (!(await pipeline.removeRoom(key)))
      throw new CodedError('last-room', 'the last room cannot leave; disconnect instead', { key })
    this.#session = { ...this.#session, sources: pipeline.rooms.map((r) => r.spec) }
    return this.#session
  }

  /** Ends the session (queued like connect). */
  async disconnect(): Promise<Session> {
    const session = await this.#queue.enqueue(() => this.#disconnect(), true)
    return session === SUPERSEDED ? this.#afterQueue() : session
  }

  async #afterQueue(): Promise<Session> {
    await this.#queue.idle()
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
      pipeline = new Pipeline({
        settings: this.options.store.settings,
        source,
        spec,
        workerDir: this.options.workerDir,
        audio: this.options.audio,
        audioPace: this.options.audioPace,
        recordingsDir: this.options.recordingsDir,
        playerEnv: this.options.playerEnv,
        playerLauncher: this.options.playerLauncher,
        createEngine: this.options.createEngine ?? (() => this.#createEngine()),
        drainMs: this.options.drainMs
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
    pipeline.onEvent((received) => {
      this.#feed.push(toFeedItem(++this.#seq, received.event, received.receivedAt))
      this.#onEvent.fire(received)
    })
    pipeline.onSpeech((record) => {
      // The speech log shows lines; events dropped before they had one are counted in status.
      if (record.text) this.#speech.push(toSpeechLine(++this.#seq, record))
      this.#onSpeech.fire(record)
    })
    pipeline.onLog((entry) => {
      this.#onLog.fire(entry)
      // Branch on the code, never the text: the player's own lines carry 'audio-device'.
      if (entry.code === 'audio-device')
        this.notify(
          entry.level === 'error' ? 'error' : 'warn',
          'audio-device',
          entry.message.replace(/^audio: /, '')
        )
      else if (entry.level === 'error') this.notify('error', 'pipeline', entry.message)
    })
    await pipeline.start()
    this.#session = { state: 'running', source: spec, sources: [spec] }
    return this.#session
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

  /** Where the OBS overlay is served (set once the local server listens). */
  setOverlayUrl(url: string | undefined): void {
    this.#overlayUrl = url
  }

  /** The local server's OBS link and how to reset its token (set once it listens). */
  attachObsLink(provider: ObsLinkProvider): void {
    this.#obsLink = provider
    this.setObsLink(provider.link())
  }

  /** The OBS link changed: remembered for snapshots and pushed to every window. */
  setObsLink(link: ObsLink): void {
    this.#overlayUrl = link.url
    this.#emitters.obsLink.fire(link)
  }

  /** The running session's status, or the final status of the last one. */
  status(): PipelineStatus | null {
    return this.#pipeline?.status() ?? this.#lastStatus
  }

  snapshot(): Snapshot {
    return {
      session: this.#session,
      status: this.#pipeline?.status() ?? null,
      settings: this.options.store.settings,
      settingsFile: this.options.store.file,
      ...(this.#overlayUrl ? { overlayUrl: this.#overlayUrl } : {}),
      ...(this.#obsLink ? { obsLink: this.#obsLink.link() } : {}),
      feed: this.#feed.recent(),
      speech: this.#speech.recent(),
      history: this.#history,
      notices: this.#notices
    }
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

  /** The engine the settings ask for; a substitute or a tripped circuit becomes a notice. */
  #createEngine(settings: Settings = this.options.store.settings): Promise<TtsEngine> {
    return createConfiguredEngine(settings, {
      ttsWorkerFile: join(this.options.workerDir, 'tts.worker.js'),
      onResilienceEvent: (e) => {
        this.#onLog.fire({
          level: e.type === 'retry' ? 'info' : 'warn',
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

  /** Another engine chosen while a session runs: it takes over at the next line. */
  async #swapEngine(): Promise<void> {
    const pipeline = this.#pipeline
    if (!pipeline || this.options.createEngine) return
    try {
      await pipeline.tts.replaceEngine(await this.#createEngine())
    } catch (err) {
      this.#onLog.fire({
        level: 'error',
        message: `speech engine not changed: ${(err as Error).message}`
      })
    }
  }

  /** 试听: the draft voice (validated like a settings patch) speaks a sample line now. */
  async #preview(args: CommandArgs<'previewVoice'>): Promise<Result<unknown>> {
    const patch = { tts: args.tts ?? {} }
    const refused = platformIssues(patch)
    if (refused.length > 0) return { ok: false, error: invalidSettings(refused) }
    const merged = mergedSettings(this.options.store.settings, patch)
    if (!merged.ok) return { ok: false, error: invalidSettings(merged.issues) }
    if (this.#previewing) throw new CodedError('preview-busy', 'a sample is already playing')
    this.#previewing = true
    try {
      const engine = this.options.createEngine
        ? await this.options.createEngine()
        : await this.#createEngine(merged.settings)
      // A session's player owns the output (and a WAV file): the sample queues behind its line.
      const player = this.#pipeline?.player
      const value = await previewVoice(
        engine,
        merged.settings,
        args.text ?? SAMPLE_LINE,
        player ? (clip) => player.play(clip) : undefined,
        this.options
      )
      return { ok: true, value }
    } finally {
      this.#previewing = false
    }
  }

  #requirePipeline(): Pipeline {
    if (!this.#pipeline)
      throw new CodedError('need-session', 'Connect to a room (or the demo) first.')
    return this.#pipeline
  }

  /** What the OBS overlay shows now. */
  overlay(): OverlayState {
    return this.#overlay
  }

  #tick(): void {
    const status = this.#pipeline?.status() ?? null
    this.#updateOverlay(status)
    let sample: QueueSample | null = null
    if (status && status.at - this.#lastSampleAt >= 1000) {
      this.#lastSampleAt = status.at
      sample = {
        at: status.at,
        lanes: status.queues.text.lanes,
        message: status.queues.message.length,
        types: this.#pipeline?.waitingByType() ?? {}
      }
      this.#history = [...this.#history, sample].slice(-HISTORY)
    }
    if (!this.#emitters.tick.hasListeners) return
    this.#emitters.tick.fire({
      session: this.#session,
      status,
      feed: this.#feed.drain(),
      speech: this.#speech.drain(),
      sample
    })
  }

  #updateOverlay(status: PipelineStatus | null): void {
    const line = (l: OverlayState['now']): OverlayState['now'] =>
      l ? { text: l.text, type: l.type, ...(l.system ? { system: true as const } : {}) } : undefined
    const now = line(status?.nowPlaying)
    const next = line(status?.upNext[0])
    const overlay: OverlayState = { ...(now ? { now } : {}), ...(next ? { next } : {}) }
    const key = JSON.stringify(overlay)
    if (key === this.#overlayKey) return
    this.#overlay = overlay
    this.#overlayKey = key
    this.#emitters.overlay.fire(overlay)
  }

  /** A notice for every window, worded there from `code` (and `params`, `fields`). */
  notify(
    level: Notice['level'],
    code: string,
    message: string,
    extra: { params?: IssueParams; fields?: string[] } = {}
  ): void {
    const now = Date.now()
    // A restart loop (no audio device) repeats itself, in words that vary (attempts, delays): one
    // notice per problem a minute, so a banner the streamer closed does not pop straight back.
    if (this.#notices.some((n) => n.code === code && now - n.at < 60_000)) return
    const notice: Notice = {
      level,
      code,
      message,
      at: now,
      ...(extra.params ? { params: extra.params } : {}),
      ...(extra.fields ? { fields: extra.fields } : {})
    }
    this.#notices = [...this.#notices, notice].slice(-20)
    this.#emitters.notice.fire(notice)
  }

  async dispose(): Promise<void> {
    clearInterval(this.#timer)
    this.#disposed = true
    await this.#queue.enqueue(() => this.#disconnect())
    for (const e of Object.values(this.#emitters)) e.dispose()
    this.#onEvent.dispose()
    this.#onSpeech.dispose()
    this.#onLog.dispose()
  }
}

function settingsResult(result: SettingsUpdate): Result<Settings> {
  if (result.ok) return { ok: true, value: result.settings }
  return {
    ok: false,
    error: {
      code: result.code,
      message:
        result.code === 'invalid-settings'
          ? 'settings not saved: some values are invalid'
          : result.errors[0]!,
      details: result.errors
    }
  }
}

function sessionResult(session: Session | typeof SUPERSEDED): Result<Session> {
  if (session !== SUPERSEDED) return { ok: true, value: session }
  return {
    ok: false,
    error: {
      code: 'superseded',
      message: 'a later connect or disconnect replaced this one before it ran'
    }
  }
}
