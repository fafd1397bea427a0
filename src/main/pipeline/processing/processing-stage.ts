import { Emitter } from '../../../shared/emitter'
import { Disposable, MutableDisposable } from '../../../shared/lifecycle'
import type { EventType } from '../../../shared/events'
import type { Settings } from '../../../shared/settings'
import type { DropReason, SpeechDraft } from '../../../shared/speech'
import type {
  ProcessedBatch,
  ProcessingConfig,
  ProcessingTask,
  Spoken
} from '../../../shared/worker-protocol'
import { draftOf, speak } from '../../../workers/processing/process-event'
import type { Component } from '../../lifecycle/component'
import { untilDeadline } from '../../lifecycle/deadline'
import type { DynamicThreadPool, ResizeRecord } from '../../scaling/dynamic-thread-pool'
import type { PiscinaExecutor } from '../../scaling/piscina-executor'
import type { MessageQueue, TakenEvents } from '../queues/message-queue'
import { InlineBudget } from './inline-budget'
import { InOrder } from './in-order'
import { ProcessingPool } from './processing-pool'
import { warmUp } from './warm-up'
import type { Log } from '../../../shared/log'
import { spokenAt } from '../../../shared/spoken-batch'

interface Finished {
  batch: TakenEvents
  /** Event i's result (undefined: none came back for it), or why the batch failed. */
  outcomes: ((i: number) => Spoken | undefined) | Error
  /** The settings the batch was processed with (the drafts are built with them too). */
  config: ProcessingConfig
}

export interface ProcessingDrop {
  eventId: string
  type: EventType
  reason: DropReason
  /** When the listener received the event. */
  receivedAt: number
}

/**
 * Largest pool task. A batch's results are copied into the main thread at once and live until it
 * is committed; at 1,024 events they outlived young-generation collections and were promoted
 * (~370 bytes an event), which made those collections the 500k-flood's 35 ms lag p99. At 128 the
 * thread hop is still paid once per 128 events: lag p99 ~22 ms, CPU per event no higher
 * (bench/ingest.ts).
 */
const POOL_BATCH_MAX = 128
/** Below this many waiting events the pool path waits up to WINDOW_MS for more. */
const POOL_BATCH_MIN = 32
const WINDOW_MS = 10
/** Main-thread ms per second that in-thread processing may use, and per run before yielding. */
const INLINE_MS_PER_SECOND = 100
const INLINE_SLICE_MS = 4
const INLINE_CHUNK = 64

/**
 * Moves events from the message queue into speech drafts (normalise, filter, template), in arrival
 * order even when pool batches finish out of order.
 *
 * Where the work runs was decided by measuring (bench/realtime.ts, bench/ingest.ts):
 * - One event cost about 12 µs in-thread (5 µs since the text passes scan code units), but about
 *   1 ms of CPU as its own piscina task (message clone, two thread wake-ups). In real time almost
 *   every event arrived alone and became its own task: 1.3 ms of CPU per event at 100 events/s,
 *   0.5 ms at 400.
 * - So events are processed in-thread, coalesced per event-loop turn, while in-thread work stays
 *   under INLINE_MS_PER_SECOND and in slices of at most INLINE_SLICE_MS, which keeps the main
 *   thread's lag low. On a busy 2-core machine an event arriving alone costs 40–70 µs in-thread
 *   (cold caches), so at 25 ms/s a room at 400 events/s ran out of budget: every few seconds a
 *   pool thread started (~1 s to its first batch, p99 latency 967 ms) and exited when idle again.
 *   100 ms/s (a tenth of a core) keeps every real-time rate in-thread; floods still go to the pool.
 * - Past that budget (a flood) they go to the pool in batches sized to the backlog (up to
 *   POOL_BATCH_MAX); a thin trickle waits up to WINDOW_MS to share a task.
 * In-thread runs only while no pool batch is in flight; InOrder releases every result in arrival
 * order whichever path produced it.
 */
export class ProcessingStage extends Disposable implements Component {
  readonly id: string
  readonly #pool: ProcessingPool
  readonly #onDraft = this._register(new Emitter<SpeechDraft>())
  readonly #onDrop = this._register(new Emitter<ProcessingDrop>())
  /** Speech drafts, in event arrival order. */
  readonly onDraft = this.#onDraft.event
  /** Events that produce no speech, with the reason. */
  readonly onDrop = this.#onDrop.event
  #running = false
  #inFlight = 0
  readonly #order = new InOrder<Finished>((f) => this.#commit(f))
  /** The queue subscription of the current run (replaced on each start). */
  readonly #subscription = this._register(new MutableDisposable())
  #processed = 0
  #inlineProcessed = 0
  readonly #budget: InlineBudget
  #scheduled: NodeJS.Immediate | undefined
  #window: NodeJS.Timeout | undefined

  constructor(
    private readonly queue: MessageQueue,
    private readonly settings: () => Settings,
    workerFile: string,
    private readonly hooks: {
      /** The load-shedding level, sent to the workers with each batch. */
      shedLevel: () => number
      onResize?: (record: ResizeRecord & { pool: string }) => void
      log: Log
      /** Main-thread budget for in-thread processing (tests pass 0 to use the pool only). */
      inlineMsPerSecond?: number
    },
    /** Component and pool name (`processing`, or `processing:r2` for another room). */
    id = 'processing'
  ) {
    super()
    this.id = id
    this.#budget = new InlineBudget(hooks.inlineMsPerSecond ?? INLINE_MS_PER_SECOND)
    this.#pool = new ProcessingPool(id, workerFile, settings, () => queue.size, hooks)
  }

  get pool(): DynamicThreadPool<ProcessingTask, ProcessedBatch> {
    return this.#pool.pool
  }

  /** The piscina pool (tests kill a thread of it mid-task). */
  get executor(): PiscinaExecutor<ProcessingTask, ProcessedBatch> | undefined {
    return this.#pool.executor
  }

  get processed(): number {
    return this.#processed
  }

  /** Events processed on the main thread rather than in the pool. */
  get processedInThread(): number {
    return this.#inlineProcessed
  }

  /** Batches being processed. */
  get inFlight(): number {
    return this.#inFlight
  }

  async start(): Promise<void> {
    warmUp(this.#config())
    this.#running = true
    this.#subscription.value = this.queue.onDidAdd(() => this.#schedule())
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
    this.#cancelTimers()
    this.#subscription.value = undefined
    this.pool.stop()
    for (const item of this.queue.clear())
      this.#onDrop.fire({
        eventId: item.event.id,
        type: item.event.type,
        reason: 'shutdown',
        receivedAt: item.receivedAt
      })
    await untilDeadline(this.pool.whenIdle(), deadline)
    await this.#pool.destroy()
  }

  /** Coalesces the events pushed in one event-loop turn into one run. */
  #schedule(): void {
    if (!this.#running || this.#scheduled) return
    this.#scheduled = setImmediate(() => {
      this.#scheduled = undefined
      this.#pump()
    })
  }

  #pump(): void {
    if (!this.#running) return
    if (this.#inFlight === 0 && this.queue.size > 0 && this.#budget.available) {
      this.#runInThread()
      if (this.queue.size > 0 && this.#budget.available) return this.#schedule()
    }
    this.#dispatch()
  }

  #runInThread(): void {
    const start = performance.now()
    const config = this.#config()
    while (this.queue.size > 0 && performance.now() - start < INLINE_SLICE_MS) {
      const batch = this.queue.take(INLINE_CHUNK)
      let spoken: Spoken[]
      try {
        spoken = batch.events.map((event) => speak(event, config))
      } catch {
        // The pool path retries and reports failures; hand it this batch, in order.
        this.#send(batch)
        break
      }
      this.#inlineProcessed += batch.events.length
      this.#order.complete(this.#order.take(), { batch, outcomes: (i) => spoken[i], config })
    }
    this.#budget.charge(performance.now() - start)
  }

  /** Hands the pool only as many batches as it may run; the backlog stays in the bounded queue. */
  #dispatch(): void {
    while (this.queue.size > 0 && this.#inFlight < this.pool.gate.limit) {
      if (this.queue.size < POOL_BATCH_MIN && this.#inFlight === 0) {
        // A trickle: give it a moment to become a batch.
        this.#window ??= setTimeout(() => {
          this.#window = undefined
          if (this.#inFlight === 0 && this.#budget.available) return this.#pump()
          this.#send(this.queue.take(POOL_BATCH_MIN))
          this.#dispatch()
        }, WINDOW_MS)
        return
      }
      const size = Math.min(POOL_BATCH_MAX, Math.ceil(this.queue.size / this.pool.gate.limit))
      this.#send(this.queue.take(size))
    }
  }

  #send(batch: TakenEvents): void {
    if (batch.events.length === 0) return
    const seq = this.#order.take()
    this.#inFlight++
    const config = this.#config()
    this.#pool.process(batch.events, config).then(
      (spoken) => this.#finish(seq, { batch, outcomes: (i) => spokenAt(spoken, i), config }),
      (err: Error) => this.#finish(seq, { batch, outcomes: err, config })
    )
  }

  #config(): ProcessingConfig {
    const config = this.settings()
    return {
      events: config.events,
      filter: config.filter,
      giftTiers: config.giftTiers,
      speech: config.speech,
      users: config.users,
      shedLevel: this.hooks.shedLevel()
    }
  }

  #cancelTimers(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled)
    if (this.#window) clearTimeout(this.#window)
    this.#scheduled = undefined
    this.#window = undefined
  }

  #finish(seq: number, finished: Finished): void {
    this.#inFlight--
    // In a flood, the thread gets its next batch before this one is committed (anti-spam, records),
    // so the two overlap instead of taking turns.
    if (this.#running && !this.#budget.available) this.#dispatch()
    this.#order.complete(seq, finished)
    this.#pump()
  }

  #commit({ batch, outcomes, config }: Finished): void {
    const { events, receivedAt } = batch
    const failed = outcomes instanceof Error
    if (failed)
      this.hooks.log(
        'error',
        `processing failed twice; ${events.length} event(s) not spoken: ${outcomes.message}`
      )
    else this.#processed += events.length
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!
      // One result per event; a missing one is a protocol fault, reported as a failure.
      const spoken = (!failed && outcomes(i)) || 'processing-failed'
      if (typeof spoken !== 'string')
        this.#onDraft.fire(draftOf(event, receivedAt[i]!, spoken, config))
      else
        this.#onDrop.fire({
          eventId: event.id,
          type: event.type,
          reason: spoken,
          receivedAt: receivedAt[i]!
        })
    }
  }

  override dispose(): void {
    this.#running = false
    this.#cancelTimers()
    super.dispose()
  }
}
