import type { EventType } from '../../../shared/events'
import type { Settings } from '../../../shared/settings'
import type { Notice } from '../../../shared/ipc/contract'
import type { CacheStatus, PipelineStatus } from '../../../shared/status'
import { noticeKey } from './reducers'

/** Share of cache look-ups served without synthesis (joining one already under way counts as served); undefined before any. */
export function cacheHitRate(cache: CacheStatus): number | undefined {
  const served = cache.hits + cache.coalesced
  const total = served + cache.misses
  return total === 0 ? undefined : served / total
}

/** When the backlog warning shows. Lines waiting, as a share of the text queue, or latency. */
export const BACKLOG = {
  /** Lines waiting before a warning, whatever the capacity. */
  warnLines: 20,
  warnShare: 0.25,
  alertShare: 0.75,
  /** End-to-end p95 latency (ms) that warns / alerts on its own. */
  warnLatencyMs: 10_000,
  alertLatencyMs: 30_000
} as const

/** What the backlog warning says. */
export interface Backlog {
  level: 'warn' | 'alert'
  lines: number
  capacity: number
  /** Seconds to speak what waits at the current rate, when lines are being spoken. */
  drainSec?: number
  p95Ms?: number
}

/** The backlog warning (peers.md §3.4: streamers do not notice a backlog unless told), or null. */
export function backlog(status: PipelineStatus | null): Backlog | null {
  if (!status) return null
  const { length: lines, capacity } = status.queues.text
  const p95 = status.latency.all.p95
  const share = capacity > 0 ? lines / capacity : 0
  const alert = share >= BACKLOG.alertShare || (p95 ?? 0) >= BACKLOG.alertLatencyMs
  const warn =
    alert ||
    lines >= BACKLOG.warnLines ||
    share >= BACKLOG.warnShare ||
    (p95 ?? 0) >= BACKLOG.warnLatencyMs
  if (!warn || lines === 0) return null
  const result: Backlog = { level: alert ? 'alert' : 'warn', lines, capacity }
  if (status.rates.spoken > 0) result.drainSec = Math.round(lines / status.rates.spoken)
  if (p95 !== undefined) result.p95Ms = p95
  return result
}

/** The event types whose lines go into the lane of `priority` (lanes are keyed by priority). */
export function laneTypes(priority: number, settings: Settings | null): EventType[] {
  if (!settings) return []
  return (Object.keys(settings.events) as EventType[]).filter(
    (type) => settings.events[type].priority === priority
  )
}

/** Notices of one code, shown as one banner. */
export interface NoticeGroup {
  latest: Notice
  /** noticeKey of every notice in the group (dismissing the group dismisses them all). */
  keys: string[]
}

/** One entry per notice code (a device that keeps failing must not stack up banners), newest first. */
export function groupNotices(
  notices: readonly Notice[],
  dismissed: readonly string[]
): NoticeGroup[] {
  const groups = new Map<string, NoticeGroup>()
  for (const notice of notices) {
    const key = noticeKey(notice)
    if (dismissed.includes(key)) continue
    const group = groups.get(notice.code)
    if (group) {
      group.keys.push(key)
      if (notice.at >= group.latest.at) group.latest = notice
    } else {
      groups.set(notice.code, { latest: notice, keys: [key] })
    }
  }
  return [...groups.values()].sort((a, b) => b.latest.at - a.latest.at)
}
