import { threadId } from 'node:worker_threads'
import {
  processEvent,
  type ProcessingConfig,
  type ProcessOutcome,
  type ReceivedEvent
} from './process-event'

export interface ProcessingTask {
  events: ReceivedEvent[]
  config: ProcessingConfig
}

/** A processed batch, with the thread that processed it (the task view shows it). */
export interface ProcessedBatch {
  threadId: number
  outcomes: ProcessOutcome[]
}

/** piscina entry: one batch of events in, one outcome per event out (same order). */
export default function processBatch(task: ProcessingTask): ProcessedBatch {
  return { threadId, outcomes: task.events.map((input) => processEvent(input, task.config)) }
}
