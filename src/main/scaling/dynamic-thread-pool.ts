import type { PoolStatus, ResizeRecord } from '../../shared/status'
import type { TaskRecord } from '../../shared/tasks'
import { ConcurrencyGate } from './concurrency-gate'
import { failureReason, TaskLog } from './task-log'
import {
  DEFAULT_TUNING,
  INITIAL_POLICY_STATE,
  clampSize,
  step,
  type PolicyState,
  type PolicyTuning,
  type PoolBounds
} from './scaling-policy'

export type { PoolStatus, ResizeRecord }

export interface DynamicThreadPoolOptions<TTask, TResult> {
  name: string
  bounds: () => PoolBounds
  /** Work waiting for this pool (sampled each interval). */
  backlog: () => number
  /** Runs one attempt; may note what ran it in `record.worker`. */
  execute: (task: TTask, record: TaskRecord) => Promise<TResult>
  /** What ran an attempt, read from its result (a worker's thread), for the task view. */
  workerOf?: (result: TResult) => string | undefined
  threads?: () => number
  intervalMs: () => number
  /** Extra attempts for a task whose worker failed (crashed, terminated); read per task. */
  retries?: number | (() => number)
  tuning?: PolicyTuning
  /**
   * Stop sampling while nothing waits or runs and the gate is at its minimum (a pool used only in
   * floods: no timer wakes an idle process); the next task resumes it.
   */
  pauseWhenIdle?: boolean
  onResize?: (record: ResizeRecord & { pool: string }) => void
  onRetry?: (error: unknown, attempt: number) => void
  now?: () => number
}

/**
 * Runs tasks on an executor (piscina pool, child processes, HTTP) behind a ConcurrencyGate and
 * moves the gate between the user's min and max from the backlog trend (scaling-policy.ts).
 * Tasks are never handed to the executor beyond the gate, so a resize cannot lose or repeat one.
 */
export class DynamicThreadPool<TTask, TResult> {
  readonly gate: ConcurrencyGate
  #policy: PolicyState = INITIAL_POLICY_STATE
  #timer: NodeJS.Timeout | undefined
  #paused = false
  #backlog = 0
  #completed = 0
  #failed = 0
  #retried = 0
  #resizes: ResizeRecord[] = []
  #totalResizes = 0
  #idleWaiters: (() => void)[] = []
  #taskSeq = 0
  /** Every attempt's lifecycle record (bounded ring), for the task view. */
  readonly tasks: TaskLog

  constructor(private readonly options: DynamicThreadPoolOptions<TTask, TResult>) {
    this.gate = new ConcurrencyGate(options.bounds().min)
    this.tasks = new TaskLog(options.name, options.now)
  }

  get name(): string {
    return this.options.name
  }

  /** Starts sampling. Sampling is also driven manually through `sample()` in tests. */
  start(): void {
    this.stop()
    this.#schedule()
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#paused = false
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.sample()
      if (this.options.pauseWhenIdle && this.#idleAtMin()) {
        this.#timer = undefined
        this.#paused = true
        return
      }
      this.#schedule()
    }, this.options.intervalMs())
    this.#timer.unref()
  }

  #idleAtMin(): boolean {
    return (
      this.#backlog === 0 &&
      this.gate.active === 0 &&
      this.gate.waiting === 0 &&
      this.gate.limit === this.options.bounds().min
    )
  }

  /** One policy step: read the backlog, maybe resize. */
  sample(): void {
    this.#backlog = this.options.backlog()
    const { state, decision } = step(
      this.#policy,
      this.#backlog,
      this.gate.limit,
      this.options.bounds(),
      this.options.tuning ?? DEFAULT_TUNING
    )
    this.#policy = state
    if (decision.size !== this.gate.limit && decision.reason)
      this.resize(decision.size, decision.reason)
  }

  /** Sets the size now (bounds still apply). */
  resize(size: number, reason: string): void {
    const to = clampSize(size, this.options.bounds())
    const from = this.gate.limit
    if (to === from) return
    this.gate.limit = to
    const record = { at: (this.options.now ?? Date.now)(), from, to, reason }
    this.#resizes = [...this.#resizes, record].slice(-20)
    this.#totalResizes++
    this.options.onResize?.({ ...record, pool: this.options.name })
  }

  /** Applies changed bounds at once (settings edits). */
  applyBounds(): void {
    const bounds = this.options.bounds()
    const clamped = clampSize(this.gate.limit, bounds)
    if (clamped !== this.gate.limit) this.resize(clamped, `bounds ${bounds.min}–${bounds.max}`)
  }

  async run(task: TTask): Promise<TResult> {
    const retries = this.options.retries ?? 1
    const attempts = 1 + (typeof retries === 'function' ? retries() : retries)
    const id = ++this.#taskSeq
    if (this.#paused) {
      this.#paused = false
      this.#schedule()
    }
    const log = this.tasks
    try {
      for (let attempt = 1; ; attempt++) {
        const record = log.queued(id, attempt)
        try {
          const result = await this.gate.run(() => {
            log.started(record)
            return this.options.execute(task, record)
          })
          const worker = this.options.workerOf?.(result)
          if (worker !== undefined) record.worker = worker
          log.ended(record, 'done')
          this.#completed++
          return result
        } catch (err) {
          const { reason, cancelled } = failureReason(err)
          if (attempt >= attempts) {
            log.ended(record, cancelled ? 'cancelled' : 'failed', reason)
            this.#failed++
            throw err
          }
          log.ended(record, 'retried', reason)
          this.#retried++
          this.options.onRetry?.(err, attempt)
        }
      }
    } finally {
      if (this.gate.active === 0 && this.gate.waiting === 0)
        this.#idleWaiters.splice(0).forEach((w) => w())
    }
  }

  /** Resolves when no task is running or waiting. */
  whenIdle(): Promise<void> {
    if (this.gate.active === 0 && this.gate.waiting === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  status(): PoolStatus {
    const bounds = this.options.bounds()
    return {
      name: this.options.name,
      size: this.gate.limit,
      min: bounds.min,
      max: bounds.max,
      threads: this.options.threads?.(),
      active: this.gate.active,
      waiting: this.gate.waiting,
      backlog: this.#backlog,
      completed: this.#completed,
      failed: this.#failed,
      retried: this.#retried,
      resizes: this.#resizes,
      totalResizes: this.#totalResizes
    }
  }
}
