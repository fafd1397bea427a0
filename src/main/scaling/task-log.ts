import type { TaskCounts, TaskOutcome, TaskRecord } from '../../shared/tasks'
import { errorCode } from './task-error'

/** Attempts kept per pool. */
export const TASK_LOG_CAPACITY = 256

/**
 * A pool's task lifecycle records in a bounded ring buffer. Recording an attempt allocates the
 * record and nothing else (the ring and the counters are fixed), so it stays cheap in a flood; the
 * snapshot (copies) is built only when status is read.
 */
export class TaskLog {
  readonly #ring: (TaskRecord | undefined)[]
  #next = 0
  readonly #counts: TaskCounts = {
    queued: 0,
    running: 0,
    done: 0,
    retried: 0,
    failed: 0,
    cancelled: 0
  }

  constructor(
    readonly pool: string,
    private readonly now: () => number = Date.now,
    readonly capacity = TASK_LOG_CAPACITY
  ) {
    this.#ring = new Array<TaskRecord | undefined>(capacity).fill(undefined)
  }

  /** An attempt handed to the pool (waiting for a slot). */
  queued(id: number, attempt: number, at = this.now()): TaskRecord {
    const record: TaskRecord = {
      id,
      pool: this.pool,
      attempt,
      state: 'queued',
      queuedAt: at,
      startedAt: undefined,
      endedAt: undefined,
      worker: undefined,
      reason: undefined
    }
    this.#ring[this.#next] = record
    this.#next = (this.#next + 1) % this.capacity
    this.#counts.queued++
    return record
  }

  started(record: TaskRecord): void {
    if (record.state !== 'queued') return
    record.state = 'running'
    record.startedAt = this.now()
    this.#counts.queued--
    this.#counts.running++
  }

  ended(record: TaskRecord, outcome: TaskOutcome, reason?: string): void {
    if (record.state === 'queued') this.#counts.queued--
    else if (record.state === 'running') this.#counts.running--
    else return
    record.state = outcome
    record.endedAt = this.now()
    if (reason !== undefined) record.reason = reason
    this.#counts[outcome]++
  }

  counts(): TaskCounts {
    return { ...this.#counts }
  }

  /** The newest `n` attempts, oldest first, as copies (undefined fields left out). */
  recent(n: number): TaskRecord[] {
    const out: TaskRecord[] = []
    for (let i = 1; i <= Math.min(n, this.capacity); i++) {
      const r = this.#ring[(this.#next - i + this.capacity) % this.capacity]
      if (!r) break
      out.push(copy(r))
    }
    return out.reverse()
  }
}

function copy(r: TaskRecord): TaskRecord {
  const out: TaskRecord = {
    id: r.id,
    pool: r.pool,
    attempt: r.attempt,
    state: r.state,
    queuedAt: r.queuedAt
  }
  if (r.startedAt !== undefined) out.startedAt = r.startedAt
  if (r.endedAt !== undefined) out.endedAt = r.endedAt
  if (r.worker !== undefined) out.worker = r.worker
  if (r.reason !== undefined) out.reason = r.reason
  return out
}

/**
 * A failure as a reason code (see TaskRecord.reason); `cancelled` when the caller gave up. Judged
 * by the error's type, kind or code (task-error.ts), never by its words.
 */
export function failureReason(err: unknown): { reason: string; cancelled: boolean } {
  if (err instanceof Error) {
    const kind = (err as { kind?: unknown }).kind
    if (kind === 'aborted' || err.name === 'AbortError')
      return { reason: 'aborted', cancelled: true }
    const code = errorCode(err)
    if (code === 'stopped') return { reason: 'stopped', cancelled: true }
    if (code === 'worker-killed') return { reason: 'worker-killed', cancelled: false }
    if (code === 'protocol') return { reason: 'protocol', cancelled: false }
    if (err.name === 'TimeoutError') return { reason: 'timeout', cancelled: false }
    if (typeof kind === 'string') return { reason: kind, cancelled: false }
  }
  return { reason: 'error', cancelled: false }
}
