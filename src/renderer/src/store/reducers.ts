import type { Events, Notice, QueueSample, Snapshot } from '../../../shared/ipc/contract'
import { LIMITS, type AppState, type RateSample } from './state'
import type { LinkState } from '../bridge/types'

/** Pure state transitions for the bridge's messages: (state, message) → the changed fields. */

/** Merges two seq-numbered lists: no duplicates (a snapshot and the first tick overlap), seq order, newest `limit`. */
export function mergeBySeq<T extends { seq: number }>(
  current: readonly T[],
  incoming: readonly T[],
  limit: number
): T[] {
  if (incoming.length === 0) return current as T[]
  const bySeq = new Map<number, T>()
  for (const item of current) bySeq.set(item.seq, item)
  for (const item of incoming) bySeq.set(item.seq, item)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-limit)
}

/** Appends queue samples in time order, skipping ones already held. */
export function mergeSamples(
  current: readonly QueueSample[],
  incoming: readonly QueueSample[],
  limit = LIMITS.history
): QueueSample[] {
  let last = current[current.length - 1]?.at ?? -Infinity
  const fresh: QueueSample[] = []
  for (const sample of [...incoming].sort((a, b) => a.at - b.at)) {
    if (sample.at <= last) continue
    fresh.push(sample)
    last = sample.at
  }
  if (fresh.length === 0) return current as QueueSample[]
  return [...current, ...fresh].slice(-limit)
}

/** A stable identity for a notice (they carry no id). */
export function noticeKey(notice: Notice): string {
  return `${notice.at}:${notice.code}:${notice.message.length}`
}

function mergeNotices(current: readonly Notice[], incoming: readonly Notice[]): Notice[] {
  const keys = new Set(current.map(noticeKey))
  const fresh = incoming.filter((n) => !keys.has(noticeKey(n)))
  if (fresh.length === 0) return current as Notice[]
  return [...current, ...fresh].slice(-LIMITS.notices)
}

/** A new link means a possibly restarted server: its seq numbers start again, so forget the lists. */
export function onLink(state: AppState, link: LinkState): Partial<AppState> {
  if (link !== 'open') return { link }
  return { link, ready: false, feed: [], speech: [], history: [], rates: [] }
}

/** A full snapshot (first contact, or after a reconnect), merged with what ticks brought meanwhile. */
export function onSnapshot(state: AppState, snap: Snapshot): Partial<AppState> {
  return {
    ready: true,
    session: snap.session,
    status: snap.status,
    settings: snap.settings,
    settingsFile: snap.settingsFile,
    obsLink: snap.obsLink,
    feed: mergeBySeq(state.feed, snap.feed, LIMITS.feed),
    speech: mergeBySeq(state.speech, snap.speech, LIMITS.speech),
    history: mergeSamples([], [...snap.history, ...state.history]),
    notices: mergeNotices(state.notices, snap.notices)
  }
}

/** A tick: status and session replace, feed/speech/samples append, a rate sample a second. */
export function onTick(state: AppState, tick: Events['tick']): Partial<AppState> {
  const next: Partial<AppState> = {
    session: tick.session,
    status: tick.status,
    feed: mergeBySeq(state.feed, tick.feed, LIMITS.feed),
    speech: mergeBySeq(state.speech, tick.speech, LIMITS.speech)
  }
  if (tick.sample) next.history = mergeSamples(state.history, [tick.sample])
  const status = tick.status
  const lastRate = state.rates[state.rates.length - 1]
  // Ticks come a few times a second; one rate sample a second is enough for the sparkline.
  if (status && (!lastRate || status.at - lastRate.at >= 1000)) {
    const sample: RateSample = {
      at: status.at,
      eventsIn: status.rates.eventsIn,
      spoken: status.rates.spoken
    }
    next.rates = [...state.rates, sample].slice(-LIMITS.rates)
  }
  return next
}

/** A pushed notice, kept once. */
export function onNotice(state: AppState, notice: Notice): Partial<AppState> {
  return { notices: mergeNotices(state.notices, [notice]) }
}
