import type { CommandArgs, CommandResults, Result, Session } from '../../../shared/ipc/contract'
import type { Settings } from '../../../shared/settings'
import type { AppBridge } from '../bridge/types'
import { LINK_DOWN } from '../bridge/types'
import { appStore } from './app-store'
import type { CommandArea } from './state'

/**
 * Module-level actions (zustand's "no store actions" pattern): components import and call these;
 * they talk to the bridge and record busy/error state per UI area. Each returns the command's Result.
 */

let bridge: AppBridge | undefined

/** Sets the transport the actions use (main.tsx at start-up; tests with a fake). */
export function bindBridge(next: AppBridge | undefined): void {
  bridge = next
}

async function run<T>(
  area: CommandArea,
  call: (b: AppBridge) => Promise<Result<T>>
): Promise<Result<T>> {
  const { busy, errors } = appStore.getState()
  appStore.setState({ busy: { ...busy, [area]: true }, errors: { ...errors, [area]: undefined } })
  let result: Result<T>
  try {
    result = bridge
      ? await call(bridge)
      : { ok: false, error: { code: 'failed', message: LINK_DOWN } }
  } catch (err) {
    result = { ok: false, error: { code: 'failed', message: (err as Error).message } }
  }
  const state = appStore.getState()
  appStore.setState({
    busy: { ...state.busy, [area]: false },
    errors: { ...state.errors, [area]: result.ok ? undefined : result.error }
  })
  return result
}

function keepSession(result: Result<Session>): Result<Session> {
  if (result.ok) appStore.setState({ session: result.value })
  return result
}

/** Starts reading `source` (`douyin:…`, `relay:…`, `demo`, `replay:…`), replacing any session. */
export async function connectSource(source: string): Promise<Result<Session>> {
  return keepSession(await run('connect', (b) => b.invoke('connect', { source })))
}

/** Stops the session (the main process speaks what is queued first, up to its drain deadline). */
export async function disconnectSource(): Promise<Result<Session>> {
  return keepSession(await run('connect', (b) => b.invoke('disconnect', {})))
}

/** Another room joins the session (read at once with the others), or starts one when idle. */
export async function addRoom(source: string): Promise<Result<CommandResults['addRoom']>> {
  const result = await run('rooms', (b) => b.invoke('addRoom', { source }))
  if (result.ok) appStore.setState({ session: result.value.session })
  return result
}

/** A room leaves the session (the others go on). */
export async function removeRoom(key: string): Promise<Result<Session>> {
  return keepSession(await run('rooms', (b) => b.invoke('removeRoom', { key })))
}

/** Pause, resume, skip the current line, or clear the queue. */
export function control(action: CommandArgs<'control'>['action']): Promise<Result<null>> {
  return run('control', (b) => b.invoke('control', { action }))
}

/** 0–2 (1 = as synthesised). */
export function setVolume(volume: number): Promise<Result<null>> {
  return run('volume', (b) => b.invoke('setVolume', { volume }))
}

/** Speaks a sample line ahead of the queue. */
export function testVoice(text?: string): Promise<Result<null>> {
  const trimmed = text?.trim()
  return run('voice', (b) => b.invoke('testVoice', trimmed ? { text: trimmed } : {}))
}

function keepSettings(result: Result<Settings>): Result<Settings> {
  if (result.ok) appStore.setState({ settings: result.value })
  return result
}

/** Speech rate in words per minute; applied live like every setting. */
export async function setRate(rate: number): Promise<Result<Settings>> {
  return keepSettings(
    await run('voice', (b) => b.invoke('updateSettings', { patch: { tts: { rate } } }))
  )
}

/** Sends a partial settings object; on `invalid-settings` the error's details name each field. */
export async function saveSettings(patch: Record<string, unknown>): Promise<Result<Settings>> {
  return keepSettings(await run('settings', (b) => b.invoke('updateSettings', { patch })))
}

/** Puts every setting back to its default (persisted, applied live). */
export async function resetSettings(): Promise<Result<Settings>> {
  return keepSettings(await run('settings', (b) => b.invoke('resetSettings', {})))
}

/** Hides a notice in this page (it stays in the main process's list). */
export function dismissNotice(key: string): void {
  const { dismissed } = appStore.getState()
  if (!dismissed.includes(key)) appStore.setState({ dismissed: [...dismissed, key] })
}

/** Forgets the error shown for an area. */
export function clearError(area: CommandArea): void {
  const { errors } = appStore.getState()
  appStore.setState({ errors: { ...errors, [area]: undefined } })
}

/** Output devices the player can open (`audio.device`). */
export function listDevices(): Promise<Result<CommandResults['listDevices']>> {
  return run('settings', (b) => b.invoke('listDevices', {}))
}

/** Voices an engine offers. */
export function listVoices(
  engine: CommandArgs<'listVoices'>['engine']
): Promise<Result<CommandResults['listVoices']>> {
  return run('preview', (b) => b.invoke('listVoices', { engine }))
}

/** 试听: speaks a sample now with the form's (not yet applied) speech settings. */
export function previewVoice(
  tts: Record<string, unknown>,
  text?: string
): Promise<Result<CommandResults['previewVoice']>> {
  const trimmed = text?.trim()
  return run('preview', (b) => b.invoke('previewVoice', trimmed ? { tts, text: trimmed } : { tts }))
}

/** A new OBS link token; the old link stops working. */
export async function resetOverlayToken(): Promise<Result<CommandResults['resetOverlayToken']>> {
  const result = await run('obs', (b) => b.invoke('resetOverlayToken', {}))
  if (result.ok) appStore.setState({ obsLink: result.value })
  return result
}
