import type { NormalizeOptions } from '../normalize/event-normalizer'
import { withNormalization } from '../normalize/with-normalization'
import { SourceError, type LiveSource, type SourceOptions } from '../source'
import {
  DEFAULT_DOUYIN_TUNING,
  DouyinSource,
  type DouyinMode,
  type DouyinTuning
} from './douyin-source'
import { endpointsFrom, parseWebRid } from './endpoints'

export {
  DouyinSource,
  DEFAULT_DOUYIN_TUNING,
  type DouyinMode,
  type DouyinTuning
} from './douyin-source'
export {
  electronDriver,
  type CaptureWindow,
  type WebContentsLike,
  type DebuggerLike
} from './capture/electron-driver'
export { playwrightDriver } from './capture/playwright-driver'
/** The CDP-session seam, for callers that bring their own capture browser. */
export type { CaptureDriver, CdpSession } from './capture/cdp'
/** What status() returns: SourceStatus plus per-type and per-error counts. */
export type { LiveSourceStatus } from './status-board'

/** Test and embedding hooks beyond what SourceOptions.extra can carry. */
export interface DouyinSourceOverrides {
  tuning?: Partial<DouyinTuning>
  normalize?: NormalizeOptions
}

/**
 * `douyin:<live URL | web_rid>`. Reads `douyinBase`, `douyinWs`, `douyinMode` (direct|capture|auto,
 * default auto), `browserPath` (default /usr/bin/chromium) and `douyinCookie` from options.extra.
 * The returned source is already normalised (dedupe, one event per gift combo, likes summed…).
 */
export function createDouyinSource(
  arg: string,
  options: SourceOptions,
  overrides: DouyinSourceOverrides = {}
): LiveSource {
  const extra = options.extra ?? {}
  const mode = (extra.douyinMode ?? 'auto') as DouyinMode
  if (!['direct', 'capture', 'auto'].includes(mode)) {
    throw new SourceError(
      'bad-douyin-mode',
      `douyinMode must be direct, capture or auto (got "${mode}")`,
      { mode }
    )
  }
  const tuning: DouyinTuning = { ...DEFAULT_DOUYIN_TUNING, ...overrides.tuning }
  if (extra.douyinCookie !== undefined && tuning.cookie === undefined)
    tuning.cookie = extra.douyinCookie
  const source = new DouyinSource({
    webRid: parseWebRid(arg),
    endpoints: endpointsFrom(extra),
    mode,
    browserPath: extra.browserPath ?? '/usr/bin/chromium',
    tuning
  })
  return withNormalization(source, overrides.normalize)
}
