import type { LiveEvent } from '../../../shared/events'
import type { Settings } from '../../../shared/settings'
import type {
  ProcessedBatch,
  ProcessingConfig,
  ProcessingTask
} from '../../../shared/worker-protocol'
import type { Log } from '../../../shared/log'
import { ConfigPacker } from '../../../shared/packed-config'
import { packEvents } from '../../../shared/packed-events'
import type { SpokenBatch } from '../../../shared/spoken-batch'
import { DynamicThreadPool, type ResizeRecord } from '../../scaling/dynamic-thread-pool'
import { createPiscinaExecutor, type PiscinaExecutor } from '../../scaling/piscina-executor'
import { stoppedError, TaskError } from '../../scaling/task-error'

/**
 * The processing stage's worker pool: a DynamicThreadPool in front of a piscina pool that is only
 * built when a flood first needs it (most sessions process every event in-thread). It speaks the
 * threads' protocol (worker-protocol.ts): settings packed once per version, results packed flat.
 * A batch whose thread dies, or answers with something that is not a result, is retried once,
 * then reported as failed.
 */
export class ProcessingPool {
  readonly pool: DynamicThreadPool<ProcessingTask, ProcessedBatch>
  #executor: PiscinaExecutor<ProcessingTask, ProcessedBatch> | undefined
  readonly #packer = new ConfigPacker()

  constructor(
    name: string,
    private readonly workerFile: string,
    settings: () => Settings,
    backlog: () => number,
    hooks: { onResize?: (record: ResizeRecord & { pool: string }) => void; log: Log }
  ) {
    this.pool = new DynamicThreadPool<ProcessingTask, ProcessedBatch>({
      name,
      bounds: () => settings().pools.processing,
      backlog: () => backlog() + this.pool.gate.waiting,
      intervalMs: () => settings().scaling.intervalMs,
      threads: () => this.#executor?.threads() ?? 0,
      execute: (task) =>
        this.#executor
          ? this.#executor.execute(task).then(checkedBatch)
          : Promise.reject(stoppedError('processing pool')),
      workerOf: (batch) => threadLabel(batch.threadId),
      retries: 1,
      // Nothing to scale while every event is processed in-thread: no timer wakes the process.
      pauseWhenIdle: true,
      onResize: hooks.onResize,
      onRetry: (err) =>
        hooks.log('warn', `processing worker failed, retrying the batch: ${(err as Error).message}`)
    })
  }

  /** The piscina pool, once a flood has started it (tests kill a thread of it mid-task). */
  get executor(): PiscinaExecutor<ProcessingTask, ProcessedBatch> | undefined {
    return this.#executor
  }

  /** Processes `events` in a thread with `config`; one packed result per event, in order. */
  async process(events: LiveEvent[], config: ProcessingConfig): Promise<SpokenBatch> {
    this.#executor ??= this.#create()
    const packed = this.#packer.pack(config)
    const task: ProcessingTask = {
      kind: 'process',
      // The events alone, packed flat: arrival times stay on main, where the drafts are built.
      events: packEvents(events),
      config: { version: packed.version, bytes: packed.bytes, shedLevel: config.shedLevel }
    }
    return (await this.pool.run(task)).spoken
  }

  /** A thread that dies while starting is handled by the executor (a fresh pool takes over). */
  #create(): PiscinaExecutor<ProcessingTask, ProcessedBatch> {
    return createPiscinaExecutor<ProcessingTask, ProcessedBatch>(this.workerFile, {
      minThreads: 0
    })
  }

  async destroy(): Promise<void> {
    const executor = this.#executor
    this.#executor = undefined
    await executor?.destroy()
  }
}

/** A thread's answer, if it is a processed batch; anything else fails the attempt. */
function checkedBatch(batch: ProcessedBatch): ProcessedBatch {
  if (!Array.isArray(batch?.spoken))
    throw new TaskError('protocol', 'the processing thread sent back no results')
  return batch
}

const threadLabels = new Map<number, string>()
/** `thread 3`, made once per thread (the task view names the worker of every batch). */
function threadLabel(id: number): string {
  let label = threadLabels.get(id)
  if (label === undefined) {
    label = `thread ${id}`
    if (threadLabels.size < 1024) threadLabels.set(id, label)
  }
  return label
}
