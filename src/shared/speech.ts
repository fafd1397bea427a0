import type { EventType } from './events'

/**
 * What a line is about: an event type, or `reply` (an AI answer to a viewer, settings `ai`), which
 * is spoken as its own line type with its own voice, priority and share of speech time.
 */
export type LineType = EventType | 'reply'

/** Why a line of speech (or an event) was not spoken. Counted in status, written to --speech-out. */
export type DropReason =
  /** Message queue full: the oldest, least important event was shed. */
  | 'queue-full'
  /** Event type switched off in settings. */
  | 'type-off'
  /** Text matched a blocked word. */
  | 'blocked-word'
  /** Nothing left to say after normalisation. */
  | 'empty'
  /** The user is on the block list. */
  | 'blocked-user'
  /** Below the fans-club level or gift value threshold. */
  | 'below-threshold'
  /** Chat shorter than the minimum length. */
  | 'too-short'
  /** The user's chats exceeded the per-user limit for the window. */
  | 'rate-limited'
  /** The same text was read recently (from anyone). */
  | 'duplicate'
  /** Load shedding skipped it (chats sampled, or gifts and follows only). */
  | 'shed'
  /** The processing worker failed twice on this event. */
  | 'processing-failed'
  /** Could not start within the freshness deadline of its type. */
  | 'stale'
  /** Pushed out of a full text queue by a more important line. */
  | 'evicted'
  /** Its type's queue cap was reached; the oldest line of that type made room. */
  | 'over-cap'
  /** The user cleared the queue. */
  | 'cleared'
  /** The user skipped it while it played. */
  | 'skipped'
  /** Synthesis failed (after a retry). */
  | 'synth-failed'
  /** The audio device could not be opened or failed while playing. */
  | 'not-played'
  /** The pipeline stopped (or its room left) before it could be spoken. */
  | 'shutdown'
  /** Its room is switched off in settings (several rooms at once). */
  | 'room-off'
  /** AI reply: the chat endpoint failed (timeout, error, garbage, circuit open). */
  | 'reply-failed'

/** A line of speech waiting in the text queue. Produced by the processing workers. */
export interface SpeechDraft {
  text: string
  type: LineType
  /** Higher is more important; each distinct value is a lane of the text queue. */
  priority: number
  eventId: string
  /** Epoch ms when the listener received the event. */
  receivedAt: number
  userId?: string
  /** Normalised chat content, for same-text dedupe across users. */
  dedupeKey?: string
  /** On the allow list: never rate-limited, deduped or sampled. */
  allowed?: boolean
  /** Voice for this line ('' = engine default). */
  voice?: string
  /** Words per minute for this line (0 = global rate). */
  rate?: number
  /** Loudness relative to the master volume. */
  volume?: number
  /** A line of the app's own (backlog alert, test voice), not from the room. */
  system?: true
  /** The sender's name as it is read (read-as name, cleaned up): what merged lines list. */
  who?: string
  /** Gift details for merged lines: cleaned-up name, combo count, combo value in diamonds. */
  gift?: { name: string; count: number; value: number }
  /** A gift of a tier marked big: always its own line, ahead of everything waiting. */
  big?: true
  /** The room it came from (several rooms at once): the room's key, e.g. `r1`. */
  roomId?: string
  /** A `reply` line: the event (a chat, a big gift) it answers. */
  replyTo?: string
}

/** One line of `--speech-out`: a line of speech, spoken or dropped. */
export interface SpeechRecord {
  text: string
  type: LineType
  priority: number
  /** The first event the line covers (= `eventIds[0]`). */
  eventId: string
  /**
   * Every event the line covers, in arrival order: one for a plain line, several for a merged
   * line. Every event received appears in exactly one record, spoken or dropped.
   */
  eventIds: string[]
  /** When the first covered event was received. */
  receivedAt: number
  /** Epoch ms of the first audio byte written to the sink. */
  startedAt?: number
  endedAt?: number
  cache: 'hit' | 'miss'
  dropped?: DropReason
  /** A line of the app's own (backlog alert, test voice). */
  system?: true
  /** Extra words on a failure, e.g. the device error. */
  detail?: string
  /** Adaptive rate: percent the speaking rate was raised for this line because of the backlog. */
  boost?: number
  /** The room the line is about (several rooms at once): its key, e.g. `r1`. */
  roomId?: string
  /** A `reply` line: the event (a chat, a big gift) it answers; `eventId` is the reply's own. */
  replyTo?: string
}

/** Raw PCM with its format: what the TTS engines produce, the cache holds and the player plays. */
export interface AudioFormat {
  sampleRate: number
  channels: number
  bitDepth: 16
}

export interface AudioClip {
  format: AudioFormat
  pcm: Uint8Array
}

export function clipDurationMs(clip: AudioClip): number {
  const bytesPerSecond = clip.format.sampleRate * clip.format.channels * (clip.format.bitDepth / 8)
  return (clip.pcm.byteLength / bytesPerSecond) * 1000
}
