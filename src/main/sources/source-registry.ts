import { createDemoSource } from './demo-source'
import { createDouyinSource } from './douyin'
import { createRelaySource } from './relay'
import { createReplaySource } from './replay-source'
import type { LiveSource, SourceOptions } from './source'

/**
 * Source specs: `demo`, `replay:<file>`, `douyin:<live url | web_rid>`, `relay:<ws url>` (BarrageGrab).
 * Each kind validates its own argument; a bad spec throws with words for the user.
 */
type SourceFactory = (arg: string, options: SourceOptions) => LiveSource

const factories: Record<string, SourceFactory> = {
  demo: (_arg, options) => createDemoSource(options),
  replay: (arg, options) => createReplaySource(arg, options),
  douyin: (arg, options) =>
    createDouyinSource(
      arg,
      options,
      options.captureDriver ? { tuning: { captureDriver: options.captureDriver } } : {}
    ),
  relay: (arg, options) => createRelaySource(arg, options)
}

export const SOURCE_KINDS = Object.keys(factories)

export function parseSourceSpec(spec: string): { kind: string; arg: string } {
  const colon = spec.indexOf(':')
  const kind = colon === -1 ? spec : spec.slice(0, colon)
  const arg = colon === -1 ? '' : spec.slice(colon + 1)
  // Own keys only: `toString`, `constructor` or `__proto__` are not sources (`in` would say so).
  if (!Object.hasOwn(factories, kind)) {
    throw new Error(`unknown source "${kind}"; expected one of: ${SOURCE_KINDS.join(', ')}`)
  }
  return { kind, arg }
}

export function createSource(spec: string, options: SourceOptions): LiveSource {
  const { kind, arg } = parseSourceSpec(spec)
  return factories[kind]!(arg, options)
}
