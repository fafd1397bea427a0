import type { EventType, LiveEvent } from './events'
import type { Settings } from './settings'
import type { DropReason, SpeechDraft } from './speech'
import type { PackedEvents } from './packed-events'
import type { SpokenBatch } from './spoken-batch'

/**
 * Tasks and results of the piscina worker threads (processing, WebAssembly TTS). Main and the
 * workers both import them from here, so the two sides cannot drift. Every task carries a `kind`;
 * a worker handed a task of a kind it does not know throws {@link WorkerTaskError}.
 */

/** The settings groups the processing stage reads. */
export const PROCESSING_SETTINGS = ['events', 'filter', 'giftTiers', 'speech', 'users'] as const

/** What the processing stage needs from the settings, plus the shedding level. */
export type ProcessingConfig = Pick<Settings, (typeof PROCESSING_SETTINGS)[number]> & {
  /** Load shedding: 1 no names, 2 shorter lines, 3 chats sampled (main thread), 4 gifts and follows only. */
  shedLevel: number
}

export interface ReceivedEvent {
  event: LiveEvent
  receivedAt: number
}

export type ProcessOutcome =
  | { ok: true; draft: SpeechDraft }
  | { ok: false; eventId: string; type: EventType; reason: DropReason }

/**
 * What processing works out for one event: the words to say, or why there are none. A thread
 * sends back only this; the main thread, which holds the event and the settings the batch went
 * with, builds the speech draft from it (ids, type, voice and gift counts are not sent twice).
 */
export type Spoken = Words | DropReason

export interface Words {
  text: string
  /** Chat text as read (the key of same-text dedupe). */
  content?: string
  /** The sender's name as read; left out when it would say a blocked word. */
  who?: string
  /** The gift's name as read. */
  gift?: string
  /** The sender is on the allow list. */
  allowed?: true
  /** A gift of a tier marked big. */
  big?: true
}

/** The processing settings as a task carries them (packed-config.ts), with the shedding level. */
export interface PackedProcessingConfig {
  /** Changes whenever the settings do; a thread parses `bytes` once per version. */
  version: number
  /** The settings without `shedLevel`, as UTF-8 JSON, shared rather than copied. */
  bytes: SharedArrayBuffer
  shedLevel: number
}

/** Processing worker: one batch of events in, one result per event out (same order). */
export interface ProcessingTask {
  kind: 'process'
  /** The batch's events, packed flat (packed-events.ts). */
  events: PackedEvents
  config: PackedProcessingConfig
}

/** A processed batch, with the thread that processed it (the task view shows it). */
export interface ProcessedBatch {
  threadId: number
  /** One result per event, in order, packed (spoken-batch.ts). */
  spoken: SpokenBatch
}

/** WebAssembly TTS worker: text in, WAV bytes out. */
export interface WasmSynthesisTask {
  kind: 'synthesize'
  text: string
  voice: string
  rate: number
}

export type WorkerErrorCode = 'unknown-task'

/** A worker was handed a task it does not understand: a protocol bug, said, never ignored. */
export class WorkerTaskError extends Error {
  readonly code: WorkerErrorCode = 'unknown-task'

  constructor(worker: string, task: unknown) {
    super(`${worker} worker: unknown task kind ${JSON.stringify(taskKind(task)) ?? 'undefined'}`)
    this.name = 'WorkerTaskError'
  }
}

/** The `kind` of a task received from the other side (anything may arrive). */
export function taskKind(task: unknown): unknown {
  return typeof task === 'object' && task !== null ? (task as { kind?: unknown }).kind : undefined
}
