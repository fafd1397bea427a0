import type {
  CommandArgs,
  CommandName,
  CommandResults,
  ObsLink,
  Result,
  Session,
  Snapshot
} from '../../shared/ipc/contract'
import type { Settings } from '../../shared/settings'
import { listOutputDevices } from '../pipeline/playback/output-devices'
import { listVoices } from '../pipeline/tts/engine-voices'
import type { SettingsStore, SettingsUpdate } from '../settings/settings-store'
import { CodedError } from './coded-error'
import { SUPERSEDED } from './command-queue'
import { engineInfo } from './engine-info'
import type { SessionHost } from './session-host'
import { invalidSettings, mergedSettings, platformIssues } from './settings-check'
import { SAMPLE_LINE } from './voice-preview'

/** The line 测试语音 speaks when the user typed none. */
const TEST_LINE = '测试语音：欢迎来到直播间，感谢大家的支持'

/** What the commands act on: the controller hands over its parts. */
export interface CommandTarget {
  store: SettingsStore
  sessions: SessionHost
  playerEnv?: NodeJS.ProcessEnv
  snapshot(): Snapshot
  /** A new OBS overlay token (CodedError `no-server` when the link is not served). */
  resetObsLink(): ObsLink
}

/**
 * The contract's commands, each answered as a Result: one switch that maps a validated command to
 * the session, the settings store or a lookup. Settings writes queue behind session changes.
 */
export async function runCommand<C extends CommandName>(
  app: CommandTarget,
  name: C,
  args: CommandArgs<C>
): Promise<Result<unknown>> {
  const ok = <T>(value: T): Result<T> => ({ ok: true, value })
  const { store, sessions } = app
  switch (name) {
    case 'getSnapshot':
      return ok(app.snapshot())
    case 'updateSettings': {
      const patch = (args as CommandArgs<'updateSettings'>).patch
      const refused = platformIssues(patch)
      if (refused.length > 0) return { ok: false, error: invalidSettings(refused) }
      const result = await sessions.queue.enqueue(async () => store.update(patch))
      if (result.ok || result.code !== 'invalid-settings') return settingsResult(result)
      // Worded per field in every window: the issues of the patch over what is live now.
      const merged = mergedSettings(store.settings, patch)
      return { ok: false, error: invalidSettings(merged.ok ? [] : merged.issues) }
    }
    case 'resetSettings':
      return settingsResult(await sessions.queue.enqueue(async () => store.reset()))
    case 'connect':
      return sessionResult(await sessions.connect((args as CommandArgs<'connect'>).source))
    case 'disconnect':
      return sessionResult(await sessions.disconnect())
    case 'addRoom':
      return ok(await sessions.addRoom((args as CommandArgs<'addRoom'>).source))
    case 'removeRoom':
      return ok(await sessions.removeRoom((args as CommandArgs<'removeRoom'>).key))
    case 'control': {
      const p = sessions.requirePipeline()
      const action = (args as CommandArgs<'control'>).action
      if (action === 'pause') p.pause()
      else if (action === 'resume') p.resume()
      else if (action === 'skip') p.skip()
      else p.clear()
      return ok(null)
    }
    case 'setVolume': {
      const volume = (args as CommandArgs<'setVolume'>).volume
      const result = store.update({ audio: { volume } })
      return result.ok ? ok(null) : settingsResult(result)
    }
    case 'listVoices':
      return ok(
        await listVoices((args as CommandArgs<'listVoices'>).engine ?? store.settings.tts.engine)
      )
    case 'listEngines':
      return ok(await engineInfo())
    case 'previewVoice':
      return preview(app, args as CommandArgs<'previewVoice'>)
    case 'resetOverlayToken':
      return ok(app.resetObsLink())
    case 'listDevices':
      return ok(await listOutputDevices({ ...process.env, ...app.playerEnv }))
    case 'testVoice': {
      const p = sessions.requirePipeline()
      p.say((args as CommandArgs<'testVoice'>).text ?? TEST_LINE)
      return ok(null)
    }
    default:
      return {
        ok: false,
        error: { code: 'bad-command', message: `unhandled command ${String(name)}` }
      } satisfies Result<CommandResults[C]>
  }
}

/** 试听: the draft voice (validated like a settings patch) speaks a sample line now. */
async function preview(
  app: CommandTarget,
  args: CommandArgs<'previewVoice'>
): Promise<Result<unknown>> {
  const patch = { tts: args.tts ?? {} }
  const refused = platformIssues(patch)
  if (refused.length > 0) return { ok: false, error: invalidSettings(refused) }
  const merged = mergedSettings(app.store.settings, patch)
  if (!merged.ok) return { ok: false, error: invalidSettings(merged.issues) }
  return { ok: true, value: await app.sessions.preview(merged.settings, args.text ?? SAMPLE_LINE) }
}

/** A thrown command failure as the contract's error: CodedErrors keep their reason and params. */
export function failedResult(err: unknown): Result<never> {
  const coded = err instanceof CodedError ? { reason: err.reason, params: err.params } : {}
  return { ok: false, error: { code: 'failed', message: (err as Error).message, ...coded } }
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
