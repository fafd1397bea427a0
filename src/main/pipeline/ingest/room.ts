import { Emitter } from '../../../shared/emitter'
import type { LiveEvent } from '../../../shared/events'
import { Disposable } from '../../../shared/lifecycle'
import type { Settings } from '../../../shared/settings'
import type { SpeechDraft } from '../../../shared/speech'
import type { RoomStatus } from '../../../shared/status'
import type { Component } from '../../lifecycle/component'
import type { ResizeRecord } from '../../scaling/dynamic-thread-pool'
import type { LiveSource } from '../../sources/source'
import { ProcessingStage, type ProcessingDrop } from '../processing/processing-stage'
import { MessageQueue, type MessageDrop } from '../queues/message-queue'
import { Listener } from './listener'
import type { Log } from '../../../shared/log'

export interface RoomOptions {
  /** Short key that tags the room's events and lines (`r1`, `r2`…). */
  key: string
  /** The source spec as the streamer gave it (`douyin:…`, `relay:…`, `demo`). */
  spec: string
  source: LiveSource
  settings: () => Settings
  processingWorker: string
  /** The first room keeps the plain component names (`listener`, `processing`). */
  primary: boolean
  shedLevel: () => number
  onResize?: (record: ResizeRecord & { pool: string }) => void
  log: Log
}

/**
 * One live room's ingress: its source (listener), its own message-queue budget and its own
 * processing pool, so a noisy room cannot starve another. Its events and drafts carry its key;
 * the speech planner, synthesis and the player are shared by all rooms.
 */
export class Room extends Disposable {
  readonly key: string
  readonly spec: string
  readonly listener: Listener
  readonly messages: MessageQueue
  readonly processing: ProcessingStage
  readonly #onEvent = this._register(new Emitter<{ event: LiveEvent; receivedAt: number }>())
  /** Every event received, stamped with the room (before any filtering). */
  readonly onEvent = this.#onEvent.event
  readonly onDraft
  readonly onProcessingDrop
  readonly onQueueDrop

  constructor(
    options: RoomOptions,
    /** Whether the room is switched on in settings (off: its events are dropped on arrival). */
    private readonly accept: (event: LiveEvent, receivedAt: number) => boolean
  ) {
    super()
    const { key, spec, settings, primary } = options
    this.key = key
    this.spec = spec
    const suffix = primary ? '' : `:${key}`
    this.messages = this._register(
      new MessageQueue(settings().queues.messageCapacity, (type) =>
        settings().events[type].enabled ? settings().events[type].priority : -1
      )
    )
    this.processing = new ProcessingStage(
      this.messages,
      settings,
      options.processingWorker,
      { onResize: options.onResize, log: options.log, shedLevel: options.shedLevel },
      `processing${suffix}`
    )
    this._register(this.processing)
    this.listener = new Listener(
      options.source,
      (event, receivedAt) => {
        // Events that carry no room of their own (demo, replay) are tagged with this one's key,
        // in place: each is a fresh object handed to this room alone, and a copy per event cost
        // more than the rest of the listener (a spread of a decoded object takes V8's slow path).
        if (event.roomId === undefined) event.roomId = key
        this.#onEvent.fire({ event, receivedAt })
        if (this.accept(event, receivedAt)) this.messages.push(event, receivedAt)
      },
      Date.now,
      `listener${suffix}`
    )
    this._register(this.listener)
    // Drafts are made for this room's listener alone (fresh from processing): stamped in place.
    this.onDraft = (listener: (draft: SpeechDraft) => void) =>
      this.processing.onDraft((draft) => {
        draft.roomId = key
        listener(draft)
      })
    this.onProcessingDrop = (listener: (drop: ProcessingDrop) => void) =>
      this.processing.onDrop(listener)
    this.onQueueDrop = (listener: (drop: MessageDrop) => void) => this.messages.onDidDrop(listener)
  }

  /** Start order: processing before the listener (consumers first). */
  get components(): Component[] {
    return [this.processing, this.listener]
  }

  /** Settings changed: the queue's budget follows. */
  applySettings(settings: Settings): void {
    this.messages.capacity = settings.queues.messageCapacity
    this.processing.pool.applyBounds()
  }

  /** Nothing of this room waits or is being processed. */
  isDrained(): boolean {
    return this.messages.size === 0 && this.processing.inFlight === 0
  }

  status(waiting: number): RoomStatus {
    const l = this.listener.status()
    return {
      key: this.key,
      spec: this.spec,
      source: l.source,
      received: l.received,
      receivedByType: l.receivedByType,
      ended: l.ended,
      ...(l.error ? { error: l.error } : {}),
      ...(l.errorCode ? { errorCode: l.errorCode } : {}),
      queue: { length: this.messages.size, capacity: this.messages.capacity },
      processed: this.processing.processed,
      waiting
    }
  }
}
