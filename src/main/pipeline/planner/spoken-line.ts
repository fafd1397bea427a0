import type { Event } from '../../../shared/emitter'
import type { DropReason, LineType, SpeechDraft } from '../../../shared/speech'

/** A line ready to be synthesised and played: one event's line, or several events merged. */
export interface SpokenLine {
  text: string
  type: LineType
  priority: number
  /** The first covered event (= `eventIds[0]`). */
  eventId: string
  /** Every covered event, in arrival order. */
  eventIds: string[]
  /** When the first covered event was received. */
  receivedAt: number
  /** Epoch ms after which the line may no longer start (`stale`). */
  deadline: number
  voice?: string
  /** Words per minute (absolute, boost included); 0/undefined = the global rate. */
  rate?: number
  volume?: number
  system?: true
  /** Adaptive rate: percent added to the rate for this line. */
  boost?: number
  /** The room the line is about, when all its events came from one. */
  roomId?: string
  /** A `reply` line: the event it answers. */
  replyTo?: string
  /** The drafts the line covers (arrival order), for acknowledgement statistics. */
  drafts: readonly SpeechDraft[]
}

/** Drafts that left a line source without being spoken, and why. */
export interface LinesDropped {
  drafts: readonly SpeechDraft[]
  reason: Extract<
    DropReason,
    'stale' | 'evicted' | 'over-cap' | 'queue-full' | 'cleared' | 'shutdown' | 'room-off'
  >
}

/** Where the playback dispatcher takes its next line from (the planner, or the plain queue). */
export interface LineSource {
  /** Drafts waiting. */
  readonly size: number
  /** Something was added (coalesced: fires once for a batch). */
  readonly onDidChange: Event<void>
  readonly onDidDrop: Event<LinesDropped>
  /** The line to speak now; it leaves the source (committed). */
  take(now: number): SpokenLine | undefined
  /** The lines most likely to come next, for synthesis ahead; `n` at most. */
  upcoming(n: number): SpokenLine[]
  /**
   * A line is starting to play: settle what comes after it now, so it is synthesised meanwhile.
   * (The planner commits its next line here; a plain queue has nothing to settle.)
   */
  prepareNext(now: number): void
  /** Drops everything waiting; returns how many drafts. */
  clear(reason: 'cleared' | 'shutdown'): number
  /** Drops lines past their deadline; returns how many drafts. */
  dropStale(now: number): number
}
