import type { LiveEvent } from '../../../shared/events'
import type { SourceContext } from '../source'
import { Recorder } from './wait'
import type { LogLevel } from '../../../shared/log'

/**
 * A SourceContext for tests: records events and log lines and lets the test wait on them.
 * `stop()` aborts the run like the listener component would.
 */
export class TestContext extends Recorder implements SourceContext {
  readonly events: LiveEvent[] = []
  readonly logs: string[] = []
  readonly #abort = new AbortController()
  readonly signal: AbortSignal = this.#abort.signal

  emit = (event: LiveEvent): void => {
    this.events.push(event)
    this.notify()
  }

  log = (level: LogLevel, message: string): void => {
    this.logs.push(`${level}: ${message}`)
    this.notify()
  }

  ofType(type: LiveEvent['type']): LiveEvent[] {
    return this.events.filter((e) => e.type === type)
  }

  stop(): void {
    this.#abort.abort()
    this.disposeRecorder()
  }
}
