import { Emitter } from '../../shared/emitter'
import type { LiveEvent } from '../../shared/events'
import { Disposable } from '../../shared/lifecycle'
import type { LogEntry } from '../../shared/log'
import type { SpeechRecord } from '../../shared/speech'

/**
 * The three streams a session reports through: every event received, every line of speech (spoken
 * or dropped) and every log entry. One pipeline has one; the app's session host has one that
 * outlives its pipelines and carries what each of them reports.
 */
export class SessionStreams extends Disposable {
  readonly #onEvent = this._register(new Emitter<{ event: LiveEvent; receivedAt: number }>())
  readonly #onSpeech = this._register(new Emitter<SpeechRecord>())
  readonly #onLog = this._register(new Emitter<LogEntry>())
  /** Every event received, before any filtering (`--events-out`). */
  readonly onEvent = this.#onEvent.event
  /** Every line of speech, spoken or dropped, and every event dropped (`--speech-out`). */
  readonly onSpeech = this.#onSpeech.event
  readonly onLog = this.#onLog.event

  event(received: { event: LiveEvent; receivedAt: number }): void {
    this.#onEvent.fire(received)
  }

  speech(record: SpeechRecord): void {
    this.#onSpeech.fire(record)
  }

  log(entry: LogEntry): void {
    this.#onLog.fire(entry)
  }
}
