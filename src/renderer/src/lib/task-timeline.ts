import type { TaskRecord } from '../../../shared/tasks'

/** Pure geometry of the tasks page's timeline: one row per pool, one bar per attempt. */

export interface TimelineBar {
  key: string
  /** 0…1 across the window. */
  x: number
  width: number
  state: TaskRecord['state']
  /** Waiting for a slot (queued → started), drawn lighter, before the run. */
  waitX: number
  waitWidth: number
}

/**
 * Bars of `records` in the window `[now - windowMs, now]`: the wait from queued to started, the
 * run from started to ended (or to now while running). Bars narrower than `minWidth` are widened
 * so a 2 ms task is still visible.
 */
export function timelineBars(
  records: readonly TaskRecord[],
  now: number,
  windowMs: number,
  minWidth = 0.004
): TimelineBar[] {
  const from = now - windowMs
  const pos = (t: number) => Math.min(1, Math.max(0, (t - from) / windowMs))
  const out: TimelineBar[] = []
  for (const r of records) {
    const end = r.endedAt ?? now
    if (end < from) continue
    const start = r.startedAt ?? end
    const x = pos(start)
    out.push({
      key: `${r.pool}:${r.id}:${r.attempt}`,
      x,
      width: Math.max(minWidth, pos(end) - x),
      state: r.state,
      waitX: pos(r.queuedAt),
      waitWidth: Math.max(0, x - pos(r.queuedAt))
    })
  }
  return out
}

/** Keeps the newest `max` records, one per attempt (a later copy replaces an earlier one). */
export function mergeTaskHistory(
  history: ReadonlyMap<string, TaskRecord>,
  incoming: readonly TaskRecord[],
  max: number
): Map<string, TaskRecord> {
  const next = new Map(history)
  for (const r of incoming) {
    const key = `${r.pool}:${r.id}:${r.attempt}`
    next.delete(key)
    next.set(key, r)
  }
  const extra = next.size - max
  if (extra > 0) {
    let i = 0
    for (const key of next.keys()) {
      if (i++ >= extra) break
      next.delete(key)
    }
  }
  return next
}

/** Milliseconds between two times, when both are known. */
export function span(from: number | undefined, to: number | undefined): number | undefined {
  return from !== undefined && to !== undefined ? Math.max(0, to - from) : undefined
}
