import type {
  CommandArgs,
  CommandName,
  CommandResults,
  EventName,
  Events,
  Result,
  Snapshot
} from '../../../shared/ipc/contract'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import type { PipelineStatus } from '../../../shared/status'
import type { AppBridge, LinkState } from '../bridge/types'

/** Test doubles for the renderer's unit tests (never imported by the app). */

type Handler = (args: unknown) => Result<unknown> | Promise<Result<unknown>>

/** A Bridge whose replies the test scripts and whose events the test fires. */
export class FakeBridge implements AppBridge {
  readonly transport = 'ws' as const
  link: LinkState = 'connecting'
  readonly calls: { name: CommandName; args: unknown }[] = []
  readonly handlers = new Map<CommandName, Handler>()
  readonly #listeners = new Map<string, Set<(payload: never) => void>>()
  readonly #linkListeners = new Set<(state: LinkState) => void>()

  invoke<C extends CommandName>(name: C, args: CommandArgs<C>): Promise<Result<CommandResults[C]>> {
    this.calls.push({ name, args })
    const handler = this.handlers.get(name)
    const result = handler ? handler(args) : ({ ok: true, value: null } as Result<unknown>)
    return Promise.resolve(result) as Promise<Result<CommandResults[C]>>
  }

  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.#listeners.get(name)
    if (!set) this.#listeners.set(name, (set = new Set()))
    set.add(listener)
    return () => void set.delete(listener)
  }

  onLink(listener: (state: LinkState) => void): () => void {
    this.#linkListeners.add(listener)
    return () => void this.#linkListeners.delete(listener)
  }

  close(): void {}

  fire<E extends EventName>(name: E, payload: Events[E]): void {
    for (const l of this.#listeners.get(name) ?? []) l(payload as never)
  }

  setLink(state: LinkState): void {
    this.link = state
    for (const l of this.#linkListeners) l(state)
  }

  listenerCount(): number {
    let n = this.#linkListeners.size
    for (const set of this.#listeners.values()) n += set.size
    return n
  }
}

/** A plausible running status; override what the test is about. */
export function fakeStatus(overrides: Partial<PipelineStatus> = {}): PipelineStatus {
  const percent = { count: 0 }
  return {
    at: 1_000_000,
    startedAt: 990_000,
    state: 'running',
    source: {
      kind: 'demo',
      state: 'live',
      reconnects: 0,
      decodeErrors: 0,
      received: 10,
      receivedByType: { chat: 10 },
      ended: false
    },
    queues: {
      message: { length: 0, capacity: 5000 },
      text: {
        length: 3,
        capacity: 200,
        lanes: [{ priority: 2, length: 3 }],
        byType: { chat: 3 },
        oldestWaitMs: 1200
      }
    },
    counts: { received: 10, processed: 10, queued: 8, spoken: 5, dropped: 2 },
    drops: { stale: 2 },
    plan: { enabled: true, rateBoost: 0, backlogSec: 0, byType: {} },
    rooms: [],
    pools: [],
    cache: { hits: 0, misses: 0, coalesced: 0, entries: 0, bytes: 0, maxBytes: 64 << 20 },
    tts: { synthesized: 5, failed: 0 },
    player: { state: 'ready', sink: 'null', paused: false, volume: 1, played: 5, notPlayed: 0 },
    upNext: [],
    latency: { miss: percent, hit: percent, all: percent, recent: percent },
    shedding: { level: 0, mode: 'normal', since: 0 },
    rates: { eventsIn: 2, spoken: 0.5 },
    components: [],
    ...overrides
  }
}

export function fakeSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    session: { state: 'running', source: 'demo' },
    status: fakeStatus(),
    settings: DEFAULT_SETTINGS,
    feed: [],
    speech: [],
    history: [],
    notices: [],
    ...overrides
  }
}
