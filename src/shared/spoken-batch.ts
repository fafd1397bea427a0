import type { DropReason } from './speech'
import type { Spoken, Words } from './worker-protocol'

/**
 * A batch's results as they cross from a processing thread to main: FIELDS slots per event, in
 * event order: the text (or the drop reason), the chat content, the name, the gift name (0 where
 * absent) and flags. One array of strings and small integers, so no object per event is
 * serialised, rebuilt on main, and kept there until its batch is committed; main makes each
 * event's Words only as it commits it, and they die young.
 */
export type SpokenBatch = (string | number)[]

const FIELDS = 5
const DROPPED = 1
const ALLOWED = 2
const BIG = 4

/** Packs one result per event (worker side). */
export function packSpoken(results: readonly Spoken[]): SpokenBatch {
  const out: SpokenBatch = []
  for (const r of results) {
    if (typeof r === 'string') out.push(r, 0, 0, 0, DROPPED)
    else
      out.push(
        r.text,
        r.content ?? 0,
        r.who ?? 0,
        r.gift ?? 0,
        (r.allowed ? ALLOWED : 0) | (r.big ? BIG : 0)
      )
  }
  return out
}

/** The result of event `i`, or undefined when the batch has none for it (a protocol fault). */
export function spokenAt(batch: SpokenBatch, i: number): Spoken | undefined {
  const at = i * FIELDS
  if (at + FIELDS > batch.length) return undefined
  const text = batch[at]
  const flags = batch[at + 4]
  if (typeof text !== 'string' || typeof flags !== 'number') return undefined
  if (flags & DROPPED) return text as DropReason
  const words: Words = { text }
  const content = batch[at + 1]
  const who = batch[at + 2]
  const gift = batch[at + 3]
  if (typeof content === 'string') words.content = content
  if (typeof who === 'string') words.who = who
  if (typeof gift === 'string') words.gift = gift
  if (flags & ALLOWED) words.allowed = true
  if (flags & BIG) words.big = true
  return words
}
