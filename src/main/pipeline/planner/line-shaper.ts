import { lineRules } from '../../../shared/line-rules'
import type { Settings } from '../../../shared/settings'
import type { LineType, SpeechDraft } from '../../../shared/speech'
import type { WordingOptions } from './compose'
import type { SpokenLine } from './spoken-line'

/** Highest rate a boosted line may ask for (the settings' own maximum). */
const MAX_RATE = 450

/** A room's part in the plan (several rooms at once): its share of speech time and its voice. */
export interface RoomRules {
  /** Multiplies the weight of each of the room's types. */
  weight: number
  /** Said before each of the room's lines (`【二号间】`), so the streamer knows which room. */
  prefix: string
  /** Voice for the room's lines; empty = the usual choice. */
  voice: string
}

/**
 * How a planned line sounds, once the planner has chosen its drafts and words: its voice (the
 * room's, the type's or the person's), its rate with the backlog's boost, its volume, its room
 * prefix, its freshness deadline, and how many names a merged line reads under pressure. Kept
 * apart from the planner, which decides what is said next, not how it is said.
 */
export class LineShaper {
  constructor(
    private readonly settings: () => Settings,
    /** Rules of the room a draft came from (several rooms at once); none = the defaults. */
    private readonly roomRules: (room: string | undefined) => RoomRules | undefined
  ) {}

  /** The line for `drafts` saying `text`, at `boost` percent above its rate. */
  line(type: LineType, drafts: SpeechDraft[], text: string, boost: number): SpokenLine {
    const s = this.settings()
    const first = drafts[0]!
    const rules = lineRules(s, type)
    const freshness = rules.freshnessSec * 1000
    const one = drafts.length === 1
    // A room's own voice marks its lines; else a merged line speaks in its type's voice (one
    // person's own voice would be odd for a group).
    const sameRoom = drafts.every((d) => d.roomId === first.roomId)
    const room = sameRoom ? this.roomRules(first.roomId) : undefined
    // An AI reply keeps its own voice (settings `ai.line.voice`) even in a room with one.
    const voice =
      type === 'reply'
        ? first.voice || room?.voice
        : room?.voice || (one ? first.voice : rules.voice)
    const baseRate = (one ? first.rate : rules.rate) || s.tts.rate
    return {
      text: sameRoom && !first.system ? this.prefixed(first.roomId, text) : text,
      type,
      priority: first.priority,
      eventId: first.eventId,
      eventIds: drafts.map((d) => d.eventId),
      receivedAt: first.receivedAt,
      // A merged line is fresh while its newest event is.
      deadline: Math.max(...drafts.map((d) => d.receivedAt)) + freshness,
      ...(voice ? { voice } : {}),
      rate: Math.min(MAX_RATE, Math.round(baseRate * (1 + boost / 100))),
      volume: one ? (first.volume ?? 1) : rules.volume,
      ...(first.system ? { system: true as const } : {}),
      ...(boost > 0 ? { boost } : {}),
      ...(sameRoom && first.roomId !== undefined ? { roomId: first.roomId } : {}),
      ...(one && first.replyTo !== undefined ? { replyTo: first.replyTo } : {}),
      drafts
    }
  }

  /** `text` with its room's spoken prefix, if the room has one. */
  prefixed(room: string | undefined, text: string): string {
    const prefix = this.roomRules(room)?.prefix
    return prefix ? `${prefix}${text}` : text
  }

  /**
   * Names a merged line reads: the full limit while speech keeps up, fewer as the backlog pushes
   * the rate up (`boostPercent`), one (the biggest giver) at the top of the boost, and none when
   * the type is already past its target there: a shorter line is time another type gets.
   */
  wording(boostPercent: number, late = false): WordingOptions {
    const s = this.settings()
    const limit = s.plan.namesLimit
    const max = s.plan.rateBoost.maxPercent
    const pressure = max > 0 ? boostPercent / max : 0
    const namesLimit =
      pressure >= 1 && late ? 0 : Math.max(Math.min(limit, 1), Math.round(limit * (1 - pressure)))
    return { wording: s.plan.wording, namesLimit, readNames: s.speech.readNames }
  }
}
