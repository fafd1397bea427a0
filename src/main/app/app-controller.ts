import { Emitter } from '../../shared/emitter'
import type {
  Events,
  ObsLink,
  OverlayState,
  Result,
  Session,
  Snapshot
} from '../../shared/ipc/contract'
import { parseCommand } from '../../shared/ipc/contract'
import { AsyncDisposable } from '../../shared/lifecycle'
import type { PipelineStatus } from '../../shared/status'
import type { Pipeline, PipelineOptions } from '../pipeline/pipeline'
import type { SettingsStore } from '../settings/settings-store'
import type { SourceSetup } from '../sources/source-registry'
import { failedResult, runCommand, type CommandTarget } from './app-commands'
import { CodedError } from './coded-error'
import { SUPERSEDED } from './command-queue'
import { LiveView } from './live-view'
import { NoticeBoard, type Notify } from './notice-board'
import { SessionHost } from './session-host'
import type { SpeechOutputOptions } from '../pipeline/speech-output'

/** Each session's pipeline is launched with the same output, engine and drain options. */
export interface AppControllerOptions
  extends SpeechOutputOptions, Pick<PipelineOptions, 'drainMs'> {
  store: SettingsStore
  sourceOptions: SourceSetup
  /** How often `tick` is pushed (a few times a second). */
  tickMs?: number
}

/** What the OBS link's owner (the local server) offers the controller. */
export interface ObsLinkProvider {
  link(): ObsLink
  /** A new overlay token; the old link stops working. */
  reset(): ObsLink
}

/**
 * The app's main-process brain, electron-free: owns the settings and the current session, answers
 * the contract's commands and pushes throttled `tick` snapshots. The Electron shell and the
 * headless WebSocket bridge are only transports around it. Its parts: the session (SessionHost),
 * what windows watch (LiveView), the notices (NoticeBoard) and the commands (app-commands).
 */
export class AppController extends AsyncDisposable {
  #overlayUrl: string | undefined
  #obsLink: ObsLinkProvider | undefined
  readonly #onSettings = this._register(new Emitter<Events['settings']>())
  readonly #onObsLink = this._register(new Emitter<Events['obsLink']>())
  readonly #notices = this._register(new NoticeBoard())
  readonly #sessions: SessionHost
  readonly #view: LiveView
  readonly #commands: CommandTarget
  readonly onSettings = this.#onSettings.event
  readonly onNotice = this.#notices.onNotice
  /** The OBS link changed (server started, token reset). */
  readonly onObsLink = this.#onObsLink.event
  readonly onTick
  /** The OBS overlay's view changed (what its read-only links receive). */
  readonly onOverlay
  /** Every event of every session (for --events-out). */
  readonly onEvent
  /** Every line of speech of every session (for --speech-out). */
  readonly onSpeech
  readonly onLog

  constructor(private readonly options: AppControllerOptions) {
    super()
    for (const n of options.store.loadNotices)
      this.notify('warn', n.code, n.message, {
        params: n.backup ? { backup: n.backup } : undefined,
        fields: n.fields
      })
    const sessions = (this.#sessions = this._register(
      new SessionHost(options, (...notice) => this.notify(...notice))
    ))
    this.onEvent = sessions.onEvent
    this.onSpeech = sessions.onSpeech
    this.onLog = sessions.onLog
    this._register(
      options.store.onDidChange((settings) => {
        sessions.applySettings(settings)
        this.#onSettings.fire(settings)
        void sessions.swapEngineIfChanged(settings)
      })
    )
    const view = (this.#view = this._register(
      new LiveView(
        {
          session: () => sessions.session,
          status: () => sessions.pipeline?.status() ?? null,
          waitingByType: () => sessions.pipeline?.waitingByType() ?? {}
        },
        options.tickMs ?? 250
      )
    ))
    this.onTick = view.onTick
    this.onOverlay = view.onOverlay
    this._register(sessions.onEvent((received) => view.addEvent(received)))
    this._register(sessions.onSpeech((record) => view.addSpeech(record)))
    this.#commands = {
      store: options.store,
      sessions,
      playerEnv: options.playerEnv,
      snapshot: () => this.snapshot(),
      resetObsLink: () => {
        if (!this.#obsLink) throw new CodedError('no-server', 'the OBS link is not being served')
        const link = this.#obsLink.reset()
        this.setObsLink(link)
        return link
      }
    }
  }

  get pipeline(): Pipeline | undefined {
    return this.#sessions.pipeline
  }

  get session(): Session {
    return this.#sessions.session
  }

  /** Validates and runs one command from a transport. Never throws. */
  async dispatch(name: unknown, args: unknown): Promise<Result<unknown>> {
    const parsed = parseCommand(name, args)
    if (!parsed.ok) return parsed
    if (this._isDisposing)
      return { ok: false, error: { code: 'failed', message: 'DanmuVoice is shutting down' } }
    try {
      return await runCommand(this.#commands, parsed.name, parsed.args as never)
    } catch (err) {
      return failedResult(err)
    }
  }

  /**
   * Starts a session on `spec`, replacing the current one. Queued behind other session and settings
   * changes; a later connect/disconnect that arrives first makes this one a no-op.
   */
  async connect(spec: string): Promise<Session> {
    const session = await this.#sessions.connect(spec)
    return session === SUPERSEDED ? this.#sessions.settled() : session
  }

  /**
   * Another room joins the running session (several rooms at once), or starts one when idle.
   * Queued like connect. A source that cannot be opened is a CodedError with the source's code.
   */
  addRoom(spec: string): Promise<{ session: Session; key: string }> {
    return this.#sessions.addRoom(spec)
  }

  /** Ends the session (queued like connect). */
  async disconnect(): Promise<Session> {
    const session = await this.#sessions.disconnect()
    return session === SUPERSEDED ? this.#sessions.settled() : session
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
    this.#onObsLink.fire(link)
  }

  /** The running session's status, or the final status of the last one. */
  status(): PipelineStatus | null {
    return this.#sessions.status()
  }

  snapshot(): Snapshot {
    return {
      session: this.#sessions.session,
      status: this.#sessions.pipeline?.status() ?? null,
      settings: this.options.store.settings,
      settingsFile: this.options.store.file,
      ...(this.#overlayUrl ? { overlayUrl: this.#overlayUrl } : {}),
      ...(this.#obsLink ? { obsLink: this.#obsLink.link() } : {}),
      feed: this.#view.feed(),
      speech: this.#view.speech(),
      history: this.#view.history(),
      notices: this.#notices.notices
    }
  }

  /** What the OBS overlay shows now. */
  overlay(): OverlayState {
    return this.#view.overlay()
  }

  /** A notice for every window, worded there from `code` (and `params`, `fields`). */
  notify(...notice: Parameters<Notify>): void {
    this.#notices.notify(...notice)
  }
}
