import type { LineType } from '../../../shared/speech'

/**
 * Pure scheduling rules of the speech planner: which type speaks next, and whether its waiting
 * events are read one by one or merged into one line.
 *
 * Each waiting type is scored `weight × (waited + line) / target`: how late it would be, as a share
 * of its acknowledgement target, if it spoke next, scaled by its weight. When there is time for
 * everyone, the type closest to missing its target goes first (earliest-deadline-first); when there
 * is not, every type still comes round, at a rate proportional to weight / target, so none starves.
 */

export interface TypeBacklog {
  type: LineType
  /** Events waiting. */
  count: number
  /** How long this type has waited for an acknowledgement: since its oldest unacknowledged event
   * arrived (stale drops included), ms. */
  waitedMs: number
  /** Acknowledgement target, ms. */
  targetMs: number
  weight: number
  /** Tie-break: the type's priority setting. */
  priority: number
}

/** A weight of 0 still speaks when nothing else waits. */
const MIN_WEIGHT = 1e-3

export function score(b: TypeBacklog, lineMs: number): number {
  return (Math.max(b.weight, MIN_WEIGHT) * (b.waitedMs + lineMs)) / Math.max(1, b.targetMs)
}

/** Whether `b` would miss its target if it waited for one more line after the next. */
export function isDue(b: TypeBacklog, lineMs: number): boolean {
  return b.count > 0 && b.waitedMs + 2 * lineMs >= b.targetMs
}

/**
 * The backlog (a type, of one room) to speak next, or undefined when nothing waits. Types about to miss their target go
 * first (the latest, by weight); while none is, the time is shared by weight and waiting time
 * alone, so a type with a short target is not served again before it needs to be.
 */
export function chooseType<T extends TypeBacklog>(
  backlogs: readonly T[],
  lineMs: number
): T | undefined {
  const due = backlogs.some((b) => isDue(b, lineMs))
  let best: T | undefined
  let bestScore = -Infinity
  for (const b of backlogs) {
    if (b.count === 0 || (due && !isDue(b, lineMs))) continue
    const s = due ? score(b, lineMs) : Math.max(b.weight, MIN_WEIGHT) * (b.waitedMs + lineMs)
    if (s > bestScore || (s === bestScore && best && b.priority > best.priority)) {
      best = b
      bestScore = s
    }
  }
  return best
}

/**
 * Whether `b`'s waiting events should become one line: they would miss the target if read one by
 * one. The oldest is already late, or the newest would be: it waits for the others' lines, each
 * interleaved with a line of every other busy type.
 */
export function shouldMerge(b: TypeBacklog, busyTypes: number, lineMs: number): boolean {
  if (b.count < 2) return false
  if (b.waitedMs + lineMs > b.targetMs) return true
  return (b.count - 1) * lineMs * Math.max(1, busyTypes) + lineMs > b.targetMs
}
