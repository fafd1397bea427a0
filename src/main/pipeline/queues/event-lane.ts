import type { LiveEvent } from '../../../shared/events'

/** An event waiting in the message queue, with when it arrived and its place in arrival order. */
export interface QueuedEvent {
  event: LiveEvent
  receivedAt: number
  seq: number
}

/** Events taken from the queue, in arrival order: `receivedAt[i]` is when `events[i]` arrived. */
export interface TakenEvents {
  events: LiveEvent[]
  receivedAt: number[]
}

/**
 * One priority's FIFO of waiting events, kept as three parallel arrays (events, arrival times,
 * sequence numbers) rather than an object per event: in a flood every queued event waits long
 * enough to be promoted to V8's old generation, and a wrapper per event (48 bytes, plus 16 for its
 * boxed arrival time) was promoted with it. Times sit unboxed in a double array.
 * Shifting is O(1) amortised: the arrays are cut down once their consumed head is most of them.
 */
export class EventLane {
  #events: (LiveEvent | undefined)[] = []
  #receivedAt: number[] = []
  #seq: number[] = []
  #head = 0

  get size(): number {
    return this.#events.length - this.#head
  }

  /** Sequence number of the oldest event (Infinity when empty). */
  get headSeq(): number {
    return this.size > 0 ? this.#seq[this.#head]! : Infinity
  }

  push(event: LiveEvent, receivedAt: number, seq: number): void {
    this.#events.push(event)
    this.#receivedAt.push(receivedAt)
    this.#seq.push(seq)
  }

  /** Moves events older than `beforeSeq` into `out`, up to `max` in it; returns how many moved. */
  takeInto(out: TakenEvents, max: number, beforeSeq: number): number {
    let moved = 0
    while (out.events.length < max && this.size > 0 && this.#seq[this.#head]! < beforeSeq) {
      out.events.push(this.#events[this.#head]!)
      out.receivedAt.push(this.#receivedAt[this.#head]!)
      this.#events[this.#head] = undefined
      this.#head++
      moved++
    }
    this.#compact()
    return moved
  }

  /** Removes the oldest event (the overflow policy sheds it). */
  shift(): QueuedEvent | undefined {
    if (this.size === 0) return undefined
    const item = {
      event: this.#events[this.#head]!,
      receivedAt: this.#receivedAt[this.#head]!,
      seq: this.#seq[this.#head]!
    }
    this.#events[this.#head] = undefined
    this.#head++
    this.#compact()
    return item
  }

  /** Empties the lane, returning what waited, oldest first. */
  clear(): QueuedEvent[] {
    const all: QueuedEvent[] = []
    for (let i = this.#head; i < this.#events.length; i++)
      all.push({ event: this.#events[i]!, receivedAt: this.#receivedAt[i]!, seq: this.#seq[i]! })
    this.#events = []
    this.#receivedAt = []
    this.#seq = []
    this.#head = 0
    return all
  }

  #compact(): void {
    if (this.#head <= 1024 || this.#head * 2 <= this.#events.length) return
    this.#events = this.#events.slice(this.#head)
    this.#receivedAt = this.#receivedAt.slice(this.#head)
    this.#seq = this.#seq.slice(this.#head)
    this.#head = 0
  }
}
