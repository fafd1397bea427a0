/**
 * The task view: every task a pool runs (processing batches, speech syntheses) has a lifecycle
 * record per attempt. Shared by the pools (src/main/scaling/task-log.ts), the status snapshot and
 * the dashboard's tasks page.
 */

/** How an attempt ended. `retried`: it failed and the task was tried again (a new record). */
export type TaskOutcome = 'done' | 'failed' | 'retried' | 'cancelled'
/** Where an attempt is: waiting for a slot, running, or ended. */
export type TaskState = 'queued' | 'running' | TaskOutcome

export const TASK_STATES: readonly TaskState[] = [
  'queued',
  'running',
  'done',
  'retried',
  'failed',
  'cancelled'
]

/** One attempt of one task. */
export interface TaskRecord {
  /** The task's number in its pool: the same for every attempt of it. */
  id: number
  pool: string
  /** 1 for the first try. */
  attempt: number
  state: TaskState
  /** Epoch ms: handed to the pool, started on a worker, ended. */
  queuedAt: number
  startedAt?: number
  endedAt?: number
  /** What ran it, where known: `thread 3` (a worker thread), `pid 4711` (a program), an engine name. */
  worker?: string
  /**
   * Why it failed, retried or was cancelled, as a code: `worker-killed`, `timeout`, `network`,
   * `http`, `protocol`, `bad-audio`, `unavailable`, `aborted`, `stopped`, `error`.
   */
  reason?: string
}

/** Attempts per state: `queued` and `running` are now; the others are totals since the start. */
export type TaskCounts = Record<TaskState, number>

/** A pool's part of the task view. */
export interface PoolTasks {
  pool: string
  counts: TaskCounts
}

/** The task view in the status snapshot. */
export interface TasksStatus {
  /** The most recent attempts of every pool (newest last), at most a few dozen. */
  recent: TaskRecord[]
  pools: PoolTasks[]
}
