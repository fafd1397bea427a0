import { Emitter } from '../../../shared/emitter'
import type { EventType } from '../../../shared/events'
import type { Settings } from '../../../shared/settings'
import type { DropReason, SpeechDraft } from '../../../shared/speech'
import type { ProcessOutcome } from '../../../workers/processing/process-event'
import type { ProcessingTask } from '../../../workers/processing/processing.worker'
import type { Component } from '../../app/component'
import { DynamicThreadPool, type ResizeRecord } from '../../scaling/dynamic-thread-pool'
import { createPiscinaExecutor, type PiscinaExecutor } from '../../scaling/piscina-executor'
import type { MessageQueue, QueuedEvent } from '../queues/message-queue'

export interface ProcessingDrop {
  eventId: string
  type: EventType
  reason: DropReason
  /** When the listener received the event. */
  receivedAt: number
}

const BATCH = 64

/**
 * Moves events from the message queue through the processing pool (piscina: normalise, filter,
 * template) into speech drafts. Batches amortise the per-task cost; results are committed in
 * arrival order even when batches finish out of order.
 */
export class ProcessingStage implements Component {
  readonly id = 'processing'
  readonly pool: DynamicThreadPool<ProcessingTask, ProcessOutcome[]>
  #executor: PiscinaExecutor<ProcessingTask, ProcessOutcome[]> | undefined
  readonly #onDraft = new Emitter<SpeechDraft>()
  readonly #onDrop = new Emitter<ProcessingDrop>()
  /** Speech drafts, in event arrival order. */
  readonly onDraft = this.#onDraft.event
  /** Events that produce no speech, with the reason. */
  readonly onDrop = this.#onDrop.event
  #running = false
  #inFlight = 0
  #nextBatch = 0
  #nextCommit = 0
  readonly #done = new Map<number, { batch: QueuedEvent[]; outcomes: ProcessOutcome[] | Error }>()
  #subscription: { dispose(): void } | undefined
  #processed = 0

  constructor(
    private readonly queue: MessageQueue,
    private readonly settings: () => Settings,
    private readonly workerFile: string,
    private readonly hooks: {
      /** The load-shedding level, sent to the workers with each batch. */
      shedLevel: () => number
      onResize?: (record: ResizeRecord & { pool: string }) => void
      log: (level: 'info' | 'warn' | 'error', message: string) => void
    }
  ) {
    this.pool = new DynamicThreadPool<ProcessingTask, ProcessOutcome[]>({
      name: 'processing',
      bounds: () => settings().pools.processing,
      backlog: () => queue.size + this.pool.gate.waiting,
      intervalMs: () => settings().scaling.intervalMs,
      threads: () => this.#executor?.threads() ?? 0,
      execute: (task) =>
        this.#executor
          ? this.#executor.execute(task)
          : Promise.reject(new Error('processing pool is not running')),
      retries: 1,
      onResize: hooks.onResize,
      onRetry: (err) =>
        hooks.log('warn', `processing worker failed, retrying the batch: ${(err as Error).message}`)
    })
  }

  /** The piscina pool (tests kill a thread of it mid-task). */
  get executor(): PiscinaExecutor<ProcessingTask, ProcessOutcome[]> | undefined {
    return this.#executor
  }

  get processed(): number {
    return this.#processed
  }

  /** Batches being processed. */
  get inFlight(): number {
    return this.#inFlight
  }

  async start(): Promise<void> {
    this.#executor ??= createPiscinaExecutor(this.workerFile, 'processing')
    this.#running = true
    this.#subscription = this.queue.onDidAdd(() => this.#pump())
    this.pool.start()
    this.#pump()
  }

  async stop(deadline: number): Promise<void> {
    // Ingress has stopped; finish what is queued, up to the deadline.
    while (this.#running && (this.queue.size > 0 || this.#inFlight > 0) && Date.now() < deadline) {
      this.#pump()
      await new Promise((r) => setTimeout(r, 10))
    }
    this.#running = false
    this.#subscription?.dispose()
    this.pool.stop()
    for (const item of this.queue.clear())
      this.#onDrop.fire({
        eventId: item.event.id,
        type: item.event.type,
        reason: 'shutdown',
        receivedAt: item.receivedAt
      })
    await Promise.race([
      this.pool.whenIdle(),
      new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))
    ])
    const executor = this.#executor
    this.#executor = undefined
    await executor?.destroy()
  }

  #pump(): void {
    if (!this.#running) return
    // Hand the pool only as many batches as it may run; the backlog stays in the bounded queue.
    while (this.queue.size > 0 && this.#inFlight < this.pool.gate.limit) {
      const batch = this.queue.take(BATCH)
      const seq = this.#nextBatch++
      this.#inFlight++
      const config = this.settings()
      const task: ProcessingTask = {
        events: batch.map((q) => ({ event: q.event, receivedAt: q.receivedAt })),
        config: {
          events: config.events,
          filter: config.filter,
          giftTiers: config.giftTiers,
          speech: config.speech,
          users: config.users,
          shedLevel: this.hooks.shedLevel()
        }
      }
      this.pool.run(task).then(
        (outcomes) => this.#complete(seq, batch, outcomes),
        (err: Error) => this.#complete(seq, batch, err)
      )
    }
  }

  #complete(seq: number, batch: QueuedEvent[], outcomes: ProcessOutcome[] | Error): void {
    this.#inFlight--
    this.#done.set(seq, { batch, outcomes })
    for (
      let next = this.#done.get(this.#nextCommit);
      next;
      next = this.#done.get(this.#nextCommit)
    ) {
      this.#done.delete(this.#nextCommit++)
      this.#commit(next.batch, next.outcomes)
    }
    this.#pump()
  }

  #commit(batch: QueuedEvent[], outcomes: ProcessOutcome[] | Error): void {
    if (outcomes instanceof Error) {
      this.hooks.log(
        'error',
        `processing failed twice; ${batch.length} event(s) not spoken: ${outcomes.message}`
      )
      for (const item of batch)
        this.#onDrop.fire({
          eventId: item.event.id,
          type: item.event.type,
          reason: 'processing-failed',
          receivedAt: item.receivedAt
        })
      return
    }
    this.#processed += outcomes.length
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) this.#onDraft.fire(outcome.draft)
      else
        this.#onDrop.fire({
          eventId: outcome.eventId,
          type: outcome.type,
          reason: outcome.reason,
          receivedAt: batch[i]?.receivedAt ?? Date.now()
        })
    })
  }

  dispose(): void {
    this.#running = false
    this.#subscription?.dispose()
    this.#onDraft.dispose()
    this.#onDrop.dispose()
  }
}
