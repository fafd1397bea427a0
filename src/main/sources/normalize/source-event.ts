import type { LiveEvent } from '../../../shared/events'

/**
 * What a gift message says about its combo. Sources attach it to raw gift events; the normaliser
 * uses it to announce each combo once and strips it before the event leaves the source.
 */
export interface GiftComboHint {
  /** Combo session id (`group_id`); `'0'` when the platform sent none. */
  groupId: string
  /** Cumulative count of the combo so far (`repeat_count`), when the source knows it. */
  total?: number
  /** Count added by this message, for sources that send increments (BarrageGrab `GiftCount`). */
  increment?: number
  /** The gift can be sent in a combo (连击). Non-combo gifts are announced at once. */
  comboable: boolean
  /** This is the end-of-combo summary (`repeat_end == 1`). */
  end: boolean
}

/** A LiveEvent as a source emits it before normalisation. Assignable to LiveEvent. */
export interface SourceEvent extends LiveEvent {
  combo?: GiftComboHint
}

/** Removes source-only hints, leaving a plain LiveEvent (a copy; the input is not changed). */
export function toLiveEvent(event: SourceEvent): LiveEvent {
  if (event.combo === undefined) return event
  const { combo: _combo, ...rest } = event
  return rest
}
