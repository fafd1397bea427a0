import type { TasksStatus } from '../../shared/tasks'
import type { TaskLog } from './task-log'

/** Attempts listed in the status snapshot (all pools together). */
export const RECENT_TASKS = 60

/** The task view of several pools: the newest attempts of all of them, and each pool's counts. */
export function tasksStatus(logs: readonly TaskLog[], recent = RECENT_TASKS): TasksStatus {
  const all = logs.flatMap((log) => log.recent(recent))
  all.sort((a, b) => a.queuedAt - b.queuedAt || a.id - b.id || a.attempt - b.attempt)
  return {
    recent: all.slice(-recent),
    pools: logs.map((log) => ({ pool: log.pool, counts: log.counts() }))
  }
}
