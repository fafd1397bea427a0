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

/** piscina entry: one batch of events in, one outcome per event out (same order). */
export default function processBatch(task: ProcessingTask): ProcessOutcome[] {
  return task.events.map((input) => processEvent(input, task.config))
}
