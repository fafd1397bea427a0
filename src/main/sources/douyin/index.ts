import type { NormalizeOptions } from '../normalize/event-normalizer'
import { withNormalization } from '../normalize/with-normalization'
import { SourceError, type LiveSource, type SourceOptions } from '../source'
import {
  DEFAULT_DOUYIN_TUNING,
  DouyinSource,
  type DouyinMode,
  type DouyinTuning
} from './douyin-source'
import type { DouyinOptions } from './douyin-options'
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
export type { DouyinOptions } from './douyin-options'
/** The CDP-session seam, for callers that bring their own capture browser. */
export type { CaptureDriver, CdpSession } from './capture/cdp'
/** What status() returns: SourceStatus plus per-type and per-error counts. */
export type { LiveSourceStatus } from './status-board'

/** Test hooks beyond DouyinOptions. */
export interface DouyinSourceOverrides {
  tuning?: Partial<DouyinTuning>
  normalize?: NormalizeOptions
}

/**
 * `douyin:<live URL | web_rid>`, with the endpoints, mode (default auto), cookie, browser path
 * (default /usr/bin/chromium) and capture driver from `douyin`.
 * The returned source is already normalised (dedupe, one event per gift combo, likes summed…).
 */
export function createDouyinSource(
  arg: string,
  _options: SourceOptions,
  douyin: DouyinOptions = {},
  overrides: DouyinSourceOverrides = {}
): LiveSource {
  const mode = (douyin.mode ?? 'auto') as DouyinMode
  if (!['direct', 'capture', 'auto'].includes(mode)) {
    throw new SourceError(
      'bad-douyin-mode',
      `douyinMode must be direct, capture or auto (got "${mode}")`,
      { mode }
    )
  }
  const tuning: DouyinTuning = { ...DEFAULT_DOUYIN_TUNING, ...overrides.tuning }
  if (douyin.cookie !== undefined && tuning.cookie === undefined) tuning.cookie = douyin.cookie
  if (douyin.captureDriver && tuning.captureDriver === undefined)
    tuning.captureDriver = douyin.captureDriver
  const source = new DouyinSource({
    webRid: parseWebRid(arg),
    endpoints: endpointsFrom(douyin),
    mode,
    browserPath: douyin.browserPath ?? '/usr/bin/chromium',
    tuning
  })
  return withNormalization(source, overrides.normalize)
}
