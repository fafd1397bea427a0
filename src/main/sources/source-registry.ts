import { createDemoSource } from './demo-source'
import { createDouyinSource } from './douyin'
import { createRelaySource } from './relay'
import { createReplaySource } from './replay-source'
import { resolveRoomInput } from './douyin/share-link'
import { SourceError, type LiveSource, type SourceOptions } from './source'

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
  if (!Object.hasOwn(factories, kind)) {
    throw new SourceError(
      'unknown-source',
      `unknown source "${kind}"; expected one of: ${SOURCE_KINDS.join(', ')}`,
      { kind: kind.slice(0, 40) }
    )
  }
  return { kind, arg }
}

export function createSource(spec: string, options: SourceOptions): LiveSource {
  const { kind, arg } = parseSourceSpec(spec)
  return factories[kind]!(arg, options)
}

/**
 * What needs the network before a source can be made: a pasted Douyin share or short link is
 * resolved to its room (`douyin:<web_rid>`). Other specs come back as they are.
 */
export async function resolveSourceSpec(
  spec: string,
  options: SourceOptions,
  signal?: AbortSignal
): Promise<string> {
  const { kind, arg } = parseSourceSpec(spec)
  if (kind !== 'douyin') return spec
  const room = await resolveRoomInput(arg, {
    base: options.extra?.douyinShareBase,
    signal
  })
  return `douyin:${room}`
}
