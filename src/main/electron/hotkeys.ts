import type { Settings } from '../../shared/settings'
import type { IDisposable } from '../../shared/lifecycle'
import type { AppController } from '../app/app-controller'

/** The slice of Electron's globalShortcut used here (testable without Electron). */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
}

export type HotkeyAction = keyof Settings['hotkeys']

export interface HotkeyRegistration extends IDisposable {
  /** Accelerators another app already holds (or that are malformed), by action. */
  failed: Partial<Record<HotkeyAction, string>>
}

/** What each hotkey does, through the same validated commands the UI uses. */
export function hotkeyActions(controller: AppController): Record<HotkeyAction, () => void> {
  const settings = () => controller.snapshot().settings
  const run = (name: string, args: unknown) => void controller.dispatch(name, args)
  return {
    skip: () => run('control', { action: 'skip' }),
    clear: () => run('control', { action: 'clear' }),
    pause: () =>
      run('control', { action: controller.pipeline?.player.paused ? 'resume' : 'pause' }),
    volumeUp: () => run('setVolume', { volume: Math.min(2, round(settings().audio.volume + 0.1)) }),
    volumeDown: () =>
      run('setVolume', { volume: Math.max(0, round(settings().audio.volume - 0.1)) }),
    rateUp: () =>
      run('updateSettings', { patch: { tts: { rate: Math.min(450, settings().tts.rate + 20) } } }),
    rateDown: () =>
      run('updateSettings', { patch: { tts: { rate: Math.max(80, settings().tts.rate - 20) } } })
  }
}

const round = (x: number) => Math.round(x * 10) / 10

/**
 * Binds the configured global hotkeys; an accelerator that is empty is skipped, one another app
 * holds is reported (so the UI can say which), never thrown.
 */
export function registerHotkeys(
  shortcuts: GlobalShortcutLike,
  keys: Settings['hotkeys'],
  actions: Record<HotkeyAction, () => void>
): HotkeyRegistration {
  const bound: string[] = []
  const failed: HotkeyRegistration['failed'] = {}
  for (const [action, accelerator] of Object.entries(keys) as [HotkeyAction, string][]) {
    if (!accelerator) continue
    let ok = false
    try {
      ok = shortcuts.register(accelerator, actions[action])
    } catch {
      ok = false
    }
    if (ok) bound.push(accelerator)
    else failed[action] = accelerator
  }
  return {
    failed,
    dispose: () => bound.splice(0).forEach((a) => shortcuts.unregister(a))
  }
}
