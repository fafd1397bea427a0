import { z } from 'zod'
import { MAX_ROOM_RULES } from '../settings-schema/app-settings'
import type { EventType } from '../events'
import type { EventType as SpeechType } from '../events'
import type { IssueParams, SettingsIssue } from '../settings-issues'
import { TTS_ENGINES, type Settings } from '../settings'
import type { DropReason, LineType, SpeechRecord } from '../speech'
import type { PipelineStatus } from '../status'
import type { LogLevel } from '../log'

/**
 * The one contract between the renderer and the main process, whatever carries it (Electron IPC
 * through the preload, or the WebSocket bridge in browser mode). Commands go renderer → main and are
 * validated here; events go main → renderer, throttled (never one message per comment).
 */

const empty = z.strictObject({})

/**
 * Rooms read at once. Bounded like everything a client can grow (each room holds a socket, a queue
 * and a processing stage); as many as per-room settings entries (settings `rooms`).
 */
export const MAX_ROOMS = MAX_ROOM_RULES

export const COMMANDS = {
  /** Everything the UI needs to draw itself once; then it follows `tick` events. */
  getSnapshot: empty,
  /** A partial settings object (same shape as the settings file); applied live and persisted. */
  updateSettings: z.strictObject({ patch: z.record(z.string(), z.unknown()) }),
  resetSettings: empty,
  /** `douyin:<url|id>`, `relay:<ws url>`, `demo`, `replay:<file>`. */
  connect: z.strictObject({ source: z.string().trim().min(1).max(2048) }),
  disconnect: empty,
  /** Another room joins the running session (at most MAX_ROOMS at once); connects when idle. */
  addRoom: z.strictObject({ source: z.string().trim().min(1).max(2048) }),
  /** A room leaves the session (`key` from status.rooms); the last one cannot (disconnect). */
  removeRoom: z.strictObject({ key: z.string().regex(/^r\d{1,6}$/) }),
  control: z.strictObject({ action: z.enum(['pause', 'resume', 'skip', 'clear']) }),
  setVolume: z.strictObject({ volume: z.number().min(0).max(2) }),
  /** Output devices the player can open by name (`audio.device`). */
  listDevices: empty,
  /** Voices an engine offers (the current engine when none is given). */
  listVoices: z.strictObject({ engine: z.enum(TTS_ENGINES).optional() }),
  /** Speaks a sample line now, ahead of the queue. */
  testVoice: z.strictObject({ text: z.string().trim().min(1).max(100).optional() }),
  /**
   * Speaks a sample line now with a voice not yet applied (the settings form's draft `tts` block,
   * validated like a settings patch), with or without a session.
   */
  previewVoice: z.strictObject({
    tts: z.record(z.string(), z.unknown()).optional(),
    text: z.string().trim().min(1).max(100).optional()
  }),
  /** Which speech engines this machine can run, and what `auto` picks here. */
  listEngines: empty,
  /** A new overlay token: the old OBS link stops working at once. */
  resetOverlayToken: empty
} as const

export type CommandName = keyof typeof COMMANDS
export type CommandArgs<C extends CommandName> = z.input<(typeof COMMANDS)[C]>

export type SessionState = 'idle' | 'connecting' | 'running' | 'stopping'

export interface Session {
  state: SessionState
  /** The source spec of the current (or last) session: its first room. */
  source?: string
  /** Every room's source spec, in the order they joined (several rooms at once). */
  sources?: string[]
  /** Why the last connect failed, in words. */
  error?: string
  /** Stable code for `error`: `unknown-source`, `bad-room-url`, `replay-missing`, … (for translation). */
  errorCode?: string
  /** Values the code's wording needs (`{file}`, `{url}`). */
  errorParams?: IssueParams
}

export interface Notice {
  level: LogLevel
  /**
   * Stable id for translation, e.g. `settings-recovered`, `settings-fields-reset`,
   * `settings-read-only`, `audio-device`, `source-failed`.
   */
  code: string
  /** English (logs); the UI words the notice from `code` and `params`. */
  message: string
  at: number
  /** Values the code's wording needs (`{port}`, `{engine}`, `{backup}`). */
  params?: IssueParams
  /** Settings fields concerned (`settings-fields-reset`: the fields that were reset). */
  fields?: string[]
}

/** The OBS overlay link as the local server serves it now. */
export interface ObsLink {
  url: string
  port: number
  /** The port in settings; differs from `port` when it was taken and a free one is used instead. */
  configuredPort?: number
}

/** One speech engine on this machine. */
export interface EngineInfo {
  engine: (typeof TTS_ENGINES)[number]
  /** Whether this OS can run it (SAPI needs Windows, `say` macOS, `espeak-cli` the program). */
  available: boolean
  /** Needs the internet or a server: opt-in, with the offline voice as its fallback. */
  online: boolean
  /** Why it is not available, as a code (`needs-windows`, `needs-macos`, `not-installed`). */
  reason?: string
}

/** One line of the live event feed. */
export interface FeedItem {
  seq: number
  type: EventType
  at: number
  user?: string
  /** Chat text, gift `name ×count`, like count… already short. */
  text: string
}

export interface SpeechLine {
  seq: number
  text: string
  type: LineType
  at: number
  dropped?: DropReason
  /** The app's own line (backlog alert, test voice). */
  system?: true
  /** A merged line: how many events it covers. */
  events?: number
}

/** One sample of the queue lengths, for the live chart. */
export interface QueueSample {
  at: number
  lanes: { priority: number; length: number }[]
  message: number
  /** Lines waiting per event type (the app's own lines as `system`), for a chart by type. */
  types?: Partial<Record<SpeechType | 'system', number>>
}

export interface Snapshot {
  session: Session
  status: PipelineStatus | null
  settings: Settings
  /** Where settings are kept (for the settings page), if they are persisted. */
  settingsFile?: string
  /** The OBS overlay page (with its token), when the local server runs. */
  overlayUrl?: string
  /** The OBS link with its port details, when the local server runs. */
  obsLink?: ObsLink
  feed: FeedItem[]
  speech: SpeechLine[]
  history: QueueSample[]
  notices: Notice[]
}

export interface CommandResults {
  getSnapshot: Snapshot
  updateSettings: Settings
  resetSettings: Settings
  connect: Session
  disconnect: Session
  addRoom: { session: Session; key: string }
  removeRoom: Session
  control: null
  setVolume: null
  testVoice: null
  previewVoice: { engine: string; spokenBy?: string; usedFallback?: boolean }
  listEngines: {
    platform: string
    engines: EngineInfo[]
    /** What `auto` uses on this machine. */
    auto: (typeof TTS_ENGINES)[number]
    /** The OS Mandarin voice `auto` found, if any. */
    autoVoice?: string
  }
  resetOverlayToken: ObsLink
  listDevices: { devices: { id: string; label: string }[]; note?: string }
  listVoices: {
    engine: string
    voices: { id: string; label: string }[]
    note?: string
    /** `note` as a code (`espeak-missing`, `type-voice`, `no-os-voices`), for the UI's words. */
    noteCode?: string
  }
}

export interface CommandError {
  /**
   * `forbidden`: the link's token does not grant commands (the OBS overlay's read-only token).
   * `settings-not-saved`: the disk refused the write (read-only, full); the old values stay.
   * `rate-limited`: this link sent too many commands too fast; nothing was done.
   * `superseded`: a later connect/disconnect replaced this one before it ran; nothing was done.
   */
  code:
    | 'bad-command'
    | 'bad-args'
    | 'invalid-settings'
    | 'settings-not-saved'
    | 'failed'
    | 'forbidden'
    | 'rate-limited'
    | 'superseded'
  message: string
  /** Per-field messages, e.g. `pools.tts.max: Too big: expected number to be <=8`. */
  details?: string[]
  /** Per-field problems as codes, for the UI's words (`invalid-settings`). */
  issues?: SettingsIssue[]
  /** What failed, as a code (`need-session`, `engine-failed`, `no-server`…), for the UI's words. */
  reason?: string
  params?: IssueParams
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError }

/**
 * What the OBS overlay shows: the line being spoken and the next one. This is all an overlay link
 * (its own read-only token) ever receives.
 */
export interface OverlayState {
  now?: { text: string; type: LineType; system?: true }
  next?: { text: string; type: LineType; system?: true }
}

/** Pushed main → renderer. */
export interface Events {
  /** To overlay links only: sent on connect and whenever it changes. */
  overlay: OverlayState
  /** A few times a second: the status, plus what happened since the last tick. */
  tick: {
    session: Session
    status: PipelineStatus | null
    feed: FeedItem[]
    speech: SpeechLine[]
    sample: QueueSample | null
  }
  settings: Settings
  notice: Notice
  /** The OBS link changed (new token, server started). */
  obsLink: ObsLink
}

export type EventName = keyof Events

/** Validates an untrusted command; the result is typed for the handler. */
export function parseCommand(
  name: unknown,
  args: unknown
): { ok: true; name: CommandName; args: unknown } | { ok: false; error: CommandError } {
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(COMMANDS, name)) {
    return {
      ok: false,
      error: {
        code: 'bad-command',
        message: `unknown command ${JSON.stringify(String(name)).slice(0, 60)}`
      }
    }
  }
  const schema = COMMANDS[name as CommandName]
  const parsed = schema.safeParse(args ?? {})
  if (!parsed.success) {
    const details = parsed.error.issues.map(
      (i) => `${i.path.map(String).join('.') || '(args)'}: ${i.message}`
    )
    return { ok: false, error: { code: 'bad-args', message: `bad arguments for ${name}`, details } }
  }
  return { ok: true, name: name as CommandName, args: parsed.data }
}

/** What the renderer talks to, over either transport. */
export interface Bridge {
  invoke<C extends CommandName>(name: C, args: CommandArgs<C>): Promise<Result<CommandResults[C]>>
  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void
}

/** The WebSocket bridge's wire messages (browser mode). */
export type BridgeClientMessage = { type: 'invoke'; id: number; name: string; args: unknown }
export type BridgeServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: EventName; payload: unknown }

export type { SpeechRecord }
