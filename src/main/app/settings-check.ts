import type { CommandError } from '../../shared/ipc/contract'
import { parseSettings, type Settings, type TtsEngineName } from '../../shared/settings'
import type { SettingsIssue } from '../../shared/settings-issues'
import { unsupportedReason } from '../pipeline/tts/engine-factory'
import { deepMerge } from '../settings/deep-merge'

/** The failure every window words from `issues` (one per field). */
export function invalidSettings(issues: SettingsIssue[]): CommandError {
  return {
    code: 'invalid-settings',
    message: 'settings not saved: some values are invalid',
    details: issues.map((i) => `${i.path}: ${i.message}`),
    issues
  }
}

/**
 * What the schema cannot know: an engine this OS cannot run is refused when it is chosen (the
 * shared schema runs in the renderer too, which does not know the OS it is shown on).
 */
export function platformIssues(
  patch: Record<string, unknown>,
  platform: NodeJS.Platform = process.platform
): SettingsIssue[] {
  const tts = patch.tts as { engine?: unknown } | undefined
  const engine = typeof tts?.engine === 'string' ? (tts.engine as TtsEngineName) : undefined
  const reason = engine ? unsupportedReason(engine, platform) : undefined
  if (!engine || !reason) return []
  return [
    {
      path: 'tts.engine',
      code: 'engine-unsupported',
      params: { engine, platform, reason },
      message: `the ${engine} voice cannot run on ${platform}`
    }
  ]
}

/** `patch` over `current`, validated; the issues of a bad patch, per field. */
export function mergedSettings(
  current: Settings,
  patch: Record<string, unknown>
): { ok: true; settings: Settings } | { ok: false; issues: SettingsIssue[] } {
  const result = parseSettings(deepMerge(current, patch))
  return result.ok ? result : { ok: false, issues: result.issues }
}
