import type { EventType } from '../../../shared/events'
import type { Settings } from '../../../shared/settings'
import type { Notice } from '../../../shared/ipc/contract'
import type { CacheStatus, PipelineStatus } from '../../../shared/status'
import { lineRules } from '../../../shared/line-rules'
import type { LineType } from '../../../shared/speech'
import { noticeKey } from './reducers'

/** Share of cache look-ups served without synthesis (joining one already under way counts as served); undefined before any. */
export function cacheHitRate(cache: CacheStatus): number | undefined {
  const served = cache.hits + cache.coalesced
  const total = served + cache.misses
  return total === 0 ? undefined : served / total
}

/** The types the acknowledgement panel lists, in the order a streamer cares about them. */
export const ACK_TYPES: readonly EventType[] = [
  'gift',
  'follow',
  'fansclub',
  'share',
  'chat',
  'member',
  'like'
]

/** One row of the acknowledgement panel. */
export interface AckRow {
  type: LineType
  /** p95 of arrival → thanked, over the last minute, ms; undefined before any. */
  lagMs?: number
  targetMs: number
  /** `ok` within the target, `late` within 1.5× it, `missed` beyond. */
  grade?: 'ok' | 'late' | 'missed'
  waiting: number
  merges: number
  mergedEvents: number
}

/** Per type: how quickly events are thanked against the target (the planner's report). */
export function ackRows(status: PipelineStatus | null, settings: Settings | null): AckRow[] {
  if (!status || !settings) return []
  // AI replies are a line type of their own: listed while they are switched on.
  const types: LineType[] = ACK_TYPES.filter((type) => settings.events[type].enabled)
  if (settings.ai?.enabled) types.push('reply')
  return types.map((type) => {
    const s = status.plan.byType[type]
    const targetMs = lineRules(settings, type).ackTargetSec * 1000
    const lagMs = s?.lag.p95
    const row: AckRow = {
      type,
      targetMs,
      waiting: s?.waiting ?? 0,
      merges: s?.merges ?? 0,
      mergedEvents: s?.mergedEvents ?? 0
    }
    if (lagMs !== undefined) {
      row.lagMs = lagMs
      row.grade = lagMs <= targetMs ? 'ok' : lagMs <= targetMs * 1.5 ? 'late' : 'missed'
    }
    return row
  })
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
