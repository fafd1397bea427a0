import type { NormalizeOptions } from '../normalize/event-normalizer'
import { withNormalization } from '../normalize/with-normalization'
import { SourceError, type LiveSource, type SourceOptions } from '../source'
import { DEFAULT_RELAY_TUNING, RelaySource, type RelayTuning } from './relay-source'

export { RelaySource, DEFAULT_RELAY_TUNING, type RelayTuning } from './relay-source'
export { parseJsonLossless } from './lossless-json'

/** BarrageGrab's default (`wsListenPort` 8888). */
export const DEFAULT_RELAY_URL = 'ws://127.0.0.1:8888'

/** Test and embedding hooks beyond SourceOptions. */
export interface RelaySourceOverrides {
  tuning?: Partial<RelayTuning>
  normalize?: NormalizeOptions
}

/**
 * `relay:<ws url>` (default ws://127.0.0.1:8888): a running BarrageGrab. The returned source is
 * normalised (BarrageGrab's per-increment gift packs become one event per combo).
 */
export function createRelaySource(
  arg: string,
  _options: SourceOptions,
  overrides: RelaySourceOverrides = {}
): LiveSource {
  const url = arg.trim() === '' ? DEFAULT_RELAY_URL : arg.trim()
  if (!/^wss?:\/\/[^/\s]+/.test(url)) {
    throw new SourceError(
      'bad-relay-url',
      `relay needs a WebSocket URL, e.g. relay:${DEFAULT_RELAY_URL} (got "${arg}")`,
      { input: arg.slice(0, 200), example: DEFAULT_RELAY_URL }
    )
  }
  const source = new RelaySource(url, { ...DEFAULT_RELAY_TUNING, ...overrides.tuning })
  return withNormalization(source, overrides.normalize)
}
