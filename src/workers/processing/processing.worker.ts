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
import { ConfigUnpacker } from '../../shared/packed-config'
import { unpackEvents } from '../../shared/packed-events'
import { packSpoken } from '../../shared/spoken-batch'
import { PROCESSING_NICENESS, lowerThisThreadPriority } from '../thread-priority'
import { speak } from './process-event'

/**
 * Lowered at the thread's first batch, not when it loads: a flood waits for a new thread's start,
 * so that runs at normal priority; from then on its batches yield the CPU to main (and to OBS).
 */
let lowered = false
const settings = new ConfigUnpacker()

/** piscina entry: one batch of events in, one result per event out (same order). */
export default function processBatch(task: ProcessingTask): ProcessedBatch {
  if (taskKind(task) !== 'process') throw new WorkerTaskError('processing', task)
  if (!lowered) {
    lowered = true
    lowerThisThreadPriority(PROCESSING_NICENESS)
  }
  const config = settings.unpack(task.config)
  const events = unpackEvents(task.events)
  return { threadId, spoken: packSpoken(events.map((event) => speak(event, config))) }
}
