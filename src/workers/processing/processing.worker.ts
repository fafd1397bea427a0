// First: V8 sets the young generation's growth factor back to 2 whenever a thread's heap is made;
// this thread's start puts the process's heap flags back (see heap-tuning.ts).
import '../../main/heap-tuning'
import { threadId } from 'node:worker_threads'
import {
  taskKind,
  WorkerTaskError,
  type ProcessedBatch,
  type ProcessingTask
} from '../../shared/worker-protocol'
import { processEvent } from './process-event'

/** piscina entry: one batch of events in, one outcome per event out (same order). */
export default function processBatch(task: ProcessingTask): ProcessedBatch {
  if (taskKind(task) !== 'process') throw new WorkerTaskError('processing', task)
  return { threadId, outcomes: task.events.map((input) => processEvent(input, task.config)) }
}
