import { Emitter } from '../../../shared/emitter'
import { Disposable } from '../../../shared/lifecycle'
import type { EventType, LiveEvent } from '../../../shared/events'
import type { Component } from '../../lifecycle/component'
import { SourceError, type LiveSource, type SourceStatus } from '../../sources/source'
import type { LogEntry } from '../../../shared/log'

export interface ListenerStatus {
  source: SourceStatus
  received: number
  receivedByType: Partial<Record<EventType, number>>
  /** The source finished its session (demo/replay done, live ended) or failed for good. */
  ended: boolean
  error?: string
  /** The SourceError code, e.g. `replay-missing`, `room-not-found` (for translation). */
  errorCode?: string
}

/**
 * The WebSocket-listener component: runs one LiveSource and hands each event, stamped with its
 * arrival time, to `deliver` (the message queue). A source failure the user must act on
 * (SourceError) ends the session with its message; anything else is a crash, restarted with backoff.
 */
export class Listener extends Disposable implements Component {
  readonly id: string
  readonly #onDidCrash = this._register(new Emitter<Error>())
  readonly onDidCrash = this.#onDidCrash.event
  readonly #onDidEnd = this._register(new Emitter<void>())
  readonly onDidEnd = this.#onDidEnd.event
  readonly #onLog = this._register(new Emitter<LogEntry>())
  readonly onLog = this.#onLog.event
  #abort: AbortController | undefined
  #run: Promise<void> | undefined
  #received = 0
  readonly #byType: Partial<Record<EventType, number>> = {}
  #ended = false
  #error: string | undefined
  #errorCode: string | undefined

  constructor(
    readonly source: LiveSource,
    private readonly deliver: (event: LiveEvent, receivedAt: number) => void,
    private readonly now: () => number = Date.now,
    /** Component id (`listener`, or `listener:r2` for another room). */
    id = 'listener'
  ) {
    super()
    this.id = id
  }

  async start(): Promise<void> {
    if (this.#ended) return
    const abort = new AbortController()
    this.#abort = abort
    this.#run = this.source
      .run({
        signal: abort.signal,
        log: (level, message) =>
          this.#onLog.fire({ level, message: `${this.source.kind}: ${message}` }),
        emit: (event) => {
          if (abort.signal.aborted) return
          this.#received++
          this.#byType[event.type] = (this.#byType[event.type] ?? 0) + 1
          this.deliver(event, this.now())
        }
      })
      .then(
        () => {
          if (abort.signal.aborted) return
          this.#finish()
        },
        (err: Error) => {
          if (abort.signal.aborted) return
          if (err instanceof SourceError) {
            this.#error = err.message
            this.#errorCode = err.code
            this.#onLog.fire({ level: 'error', message: `${this.source.kind}: ${err.message}` })
            this.#finish()
          } else {
            this.#onDidCrash.fire(err)
          }
        }
      )
  }

  async stop(): Promise<void> {
    this.#abort?.abort()
    await this.#run
  }

  get ended(): boolean {
    return this.#ended
  }

  status(): ListenerStatus {
    return {
      source: this.source.status(),
      received: this.#received,
      receivedByType: { ...this.#byType },
      ended: this.#ended,
      error: this.#error,
      errorCode: this.#errorCode
    }
  }

  #finish(): void {
    this.#ended = true
    this.#onDidEnd.fire()
  }

  override dispose(): void {
    this.#abort?.abort()
    super.dispose()
  }
}
