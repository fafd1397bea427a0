import type { EventType, LiveEvent } from '../../../shared/events'
import { Disposable, toDisposable } from '../../../shared/lifecycle'
import type { Log } from '../../../shared/log'
import type { Settings } from '../../../shared/settings'
import type { DropReason, LineType, SpeechDraft, SpeechRecord } from '../../../shared/speech'
import type { ResizeRecord } from '../../scaling/dynamic-thread-pool'
import type { LiveSource } from '../../sources/source'
import type { RoomRules } from '../planner/line-shaper'
import { eventDropRecord } from '../speech-records'
import { Room } from './room'

/** Where the rooms' output goes: the pipeline's ledger, its speech policy and its record stream. */
export interface RosterOptions {
  settings: () => Settings
  processingWorker: string
  shedLevel: () => number
  onResize: (record: ResizeRecord & { pool: string }) => void
  log: Log
  /** Every event any room received, before filtering. */
  received(received: { event: LiveEvent; receivedAt: number }): void
  /** An event dropped before it had a line (queue full, processing failed, room off). */
  dropped(record: SpeechRecord, type: LineType): void
  /** A draft line from a room's processing pool. */
  draft(draft: SpeechDraft): void
}

/**
 * The session's rooms, kept apart from the pipeline's stages: which rooms exist (in join order,
 * never empty once the first joined), how each is wired into the shared speech path, and what the
 * settings say about each (switched off, weight, prefix, voice). Disposing it disposes every room.
 */
export class RoomRoster extends Disposable {
  readonly #rooms: Room[] = []
  #seq = 0

  constructor(private readonly options: RosterOptions) {
    super()
    this._register(toDisposable(() => this.#rooms.forEach((room) => room.dispose())))
  }

  /** The rooms of the session, in the order they joined. */
  get all(): readonly Room[] {
    return this.#rooms
  }

  get first(): Room {
    return this.#rooms[0]!
  }

  find(key: string | undefined): Room | undefined {
    return this.#rooms.find((r) => r.key === key)
  }

  /** A new room, wired and listed; the caller starts its components. */
  add(spec: string, source: LiveSource): Room {
    const o = this.options
    const room: Room = new Room(
      {
        key: `r${++this.#seq}`,
        spec,
        source,
        settings: o.settings,
        processingWorker: o.processingWorker,
        primary: this.#rooms.length === 0,
        shedLevel: o.shedLevel,
        onResize: o.onResize,
        log: o.log
      },
      (event, receivedAt) => this.#accept(room, event, receivedAt)
    )
    room.onEvent((received) => o.received(received))
    room.onQueueDrop(({ item, reason }) => this.#drop(room, item.event, item.receivedAt, reason))
    room.onProcessingDrop(({ reason, eventId, type, receivedAt }) =>
      this.#drop(room, { id: eventId, type }, receivedAt, reason)
    )
    room.onDraft((draft) => o.draft(draft))
    room.listener.onLog(({ level, message }) => o.log(level, message))
    this.#rooms.push(room)
    return room
  }

  /** Unlists a room (already stopped by the caller) and disposes it. */
  delete(room: Room): void {
    const at = this.#rooms.indexOf(room)
    if (at < 0) return
    this.#rooms.splice(at, 1)
    room.dispose()
  }

  /** The room's entry in settings (`rooms[spec]`), if the streamer configured it. */
  settingsOf(spec: string): Settings['rooms'][string] | undefined {
    const rooms = this.options.settings().rooms
    return Object.hasOwn(rooms, spec) ? rooms[spec] : undefined
  }

  /** The planner's view of a room: its share of speech time, spoken prefix and voice. */
  rulesOf(key: string | undefined): RoomRules | undefined {
    const room = this.find(key)
    const rules = room && this.settingsOf(room.spec)
    return rules ? { weight: rules.weight, prefix: rules.prefix, voice: rules.voice } : undefined
  }

  /** A room switched off in settings drops its events on arrival (`room-off`), recorded. */
  #accept(room: Room, event: LiveEvent, receivedAt: number): boolean {
    if (this.settingsOf(room.spec)?.enabled !== false) return true
    this.#drop(room, event, receivedAt, 'room-off')
    return false
  }

  #drop(
    room: Room,
    event: { id: string; type: EventType },
    receivedAt: number,
    reason: DropReason
  ): void {
    const priority = this.options.settings().events[event.type].priority
    this.options.dropped(eventDropRecord(event, receivedAt, priority, reason, room.key), event.type)
  }
}
