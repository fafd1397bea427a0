import type { LiveEvent } from '../../shared/events'
import type { FeedItem, SpeechLine } from '../../shared/ipc/contract'
import type { SpeechRecord } from '../../shared/speech'

/** A short, display-ready line for the live event feed (the renderer localises by type). */
export function toFeedItem(seq: number, event: LiveEvent, at: number): FeedItem {
  const text =
    event.type === 'chat'
      ? (event.content ?? '')
      : event.type === 'gift' && event.gift
        ? `${event.gift.name} ×${event.gift.count}`
        : event.type === 'like'
          ? `×${event.count ?? 1}`
          : event.type === 'stats'
            ? String(event.online ?? '')
            : ''
  return { seq, type: event.type, at, user: event.user?.nickname, text: text.slice(0, 120) }
}

export function toSpeechLine(seq: number, record: SpeechRecord): SpeechLine {
  return {
    seq,
    text: record.text,
    type: record.type,
    at: record.startedAt ?? record.endedAt ?? Date.now(),
    ...(record.dropped ? { dropped: record.dropped } : {}),
    ...(record.system ? { system: true as const } : {}),
    ...(record.eventIds.length > 1 ? { events: record.eventIds.length } : {})
  }
}

/** Keeps the newest `capacity` items and hands out what arrived since the last `drain`. */
export class RecentBuffer<T> {
  #all: T[] = []
  #fresh: T[] = []

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    this.#all.push(item)
    this.#fresh.push(item)
    if (this.#all.length > this.capacity * 2) this.#all = this.#all.slice(-this.capacity)
    if (this.#fresh.length > this.capacity) this.#fresh = this.#fresh.slice(-this.capacity)
  }

  recent(): T[] {
    return this.#all.slice(-this.capacity)
  }

  drain(): T[] {
    const fresh = this.#fresh
    this.#fresh = []
    return fresh
  }
}
