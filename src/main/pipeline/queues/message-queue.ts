import { Emitter } from '../../../shared/emitter'
import { Disposable } from '../../../shared/lifecycle'
import type { EventType, LiveEvent } from '../../../shared/events'
import { EventLane, type QueuedEvent, type TakenEvents } from './event-lane'

export type { QueuedEvent, TakenEvents } from './event-lane'

export interface MessageDrop {
  item: QueuedEvent
  reason: 'queue-full'
}

/**
 * Bounded FIFO between the listener and the processing pool.
 *
 * Overflow policy (explicit): when full, the oldest event of the least important type present is shed,
 * unless the incoming event is itself less important than everything queued, in which case it is shed.
 * So a like flood can never push out a gift. Every drop is reported through `onDidDrop`.
 */
export class MessageQueue extends Disposable {
  readonly #byPriority = new Map<number, EventLane>()
  /** The same lanes as an array: `take` scans them without an iterator per event. */
  readonly #lanes: EventLane[] = []
  #size = 0
  #seq = 0
  readonly #onDidDrop = this._register(new Emitter<MessageDrop>())
  readonly #onDidAdd = this._register(new Emitter<void>())
  readonly onDidDrop = this.#onDidDrop.event
  readonly onDidAdd = this.#onDidAdd.event
  dropped = 0

  constructor(
    public capacity: number,
    /** Importance of each type (the settings' priority); read on every push so it follows live changes. */
    private readonly priorityOf: (type: EventType) => number
  ) {
    super()
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be an integer >= 1')
  }

  get size(): number {
    return this.#size
  }

  push(event: LiveEvent, receivedAt: number): void {
    const seq = this.#seq++
    const priority = this.priorityOf(event.type)
    while (this.#size >= this.capacity) {
      const lowest = this.#lowestNonEmpty()
      if (lowest === undefined || priority < lowest[0]) {
        this.#drop({ event, receivedAt, seq })
        return
      }
      this.#size--
      this.#drop(lowest[1].shift()!)
    }
    let lane = this.#byPriority.get(priority)
    if (!lane) {
      this.#byPriority.set(priority, (lane = new EventLane()))
      this.#lanes.push(lane)
    }
    lane.push(event, receivedAt, seq)
    this.#size++
    this.#onDidAdd.fire()
  }

  /**
   * Up to `max` events in arrival order. Each scan of the lanes finds the one holding the oldest
   * event and the oldest head among the others, then takes that whole run: one scan per run of a
   * type, not per event (a flood of one type is taken in one).
   */
  take(max: number): TakenEvents {
    const out: TakenEvents = { events: [], receivedAt: [] }
    while (out.events.length < max && this.#size > 0) {
      let best: EventLane | undefined
      let bestSeq = Infinity
      let nextSeq = Infinity
      for (const lane of this.#lanes) {
        const head = lane.headSeq
        if (head < bestSeq) {
          nextSeq = bestSeq
          bestSeq = head
          best = lane
        } else if (head < nextSeq) nextSeq = head
      }
      this.#size -= best!.takeInto(out, max, nextSeq)
    }
    return out
  }

  clear(): QueuedEvent[] {
    const all = [...this.#byPriority.values()].flatMap((lane) => lane.clear())
    this.#size = 0
    return all.sort((a, b) => a.seq - b.seq)
  }

  #lowestNonEmpty(): [number, EventLane] | undefined {
    let found: [number, EventLane] | undefined
    for (const entry of this.#byPriority) {
      if (entry[1].size > 0 && (!found || entry[0] < found[0])) found = entry
    }
    return found
  }

  #drop(item: QueuedEvent): void {
    this.dropped++
    this.#onDidDrop.fire({ item, reason: 'queue-full' })
  }
}
