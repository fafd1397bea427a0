import { createDemoSource } from './demo-source'
import { createDouyinSource } from './douyin'
import type { DouyinOptions } from './douyin/douyin-options'
import { createRelaySource } from './relay'
import { createReplaySource } from './replay-source'
import { resolveRoomInput } from './douyin/share-link'
import { SourceError, type LiveSource, type SourceOptions } from './source'

/**
 * Source specs: `demo`, `replay:<file>`, `douyin:<live url | web_rid>`, `relay:<ws url>` (BarrageGrab).
 * Each kind validates its own argument; a bad spec throws with words for the user.
 */
type SourceFactory = (arg: string, setup: SourceSetup) => LiveSource

/** The generic options plus each kind's own dependencies; a factory reads only its own. */
export interface SourceSetup extends SourceOptions {
  douyin?: DouyinOptions
}

const factories: Record<string, SourceFactory> = {
  demo: (_arg, setup) => createDemoSource(setup),
  replay: (arg, setup) => createReplaySource(arg, setup),
  douyin: (arg, setup) => createDouyinSource(arg, setup, setup.douyin),
  relay: (arg, setup) => createRelaySource(arg, setup)
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

export function createSource(spec: string, setup: SourceSetup): LiveSource {
  const { kind, arg } = parseSourceSpec(spec)
  return factories[kind]!(arg, setup)
}

/**
 * What needs the network before a source can be made: a pasted Douyin share or short link is
 * resolved to its room (`douyin:<web_rid>`). Other specs come back as they are.
 */
export async function resolveSourceSpec(
  spec: string,
  setup: SourceSetup,
  signal?: AbortSignal
): Promise<string> {
  const { kind, arg } = parseSourceSpec(spec)
  if (kind !== 'douyin') return spec
  const room = await resolveRoomInput(arg, {
    base: setup.douyin?.shareBase,
    signal
  })
  return `douyin:${room}`
}
