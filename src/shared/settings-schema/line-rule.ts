import { z } from 'zod'
import { rule } from '../settings-issues'

/**
 * How a kind of line is spoken and planned: its voice, rate and volume, its lane, how long it may
 * wait (freshness, cap) and its share of speech time in the planner. Every event type has one, and
 * so do AI replies (`ai.line`); each owner sets its own defaults and, where they differ, bounds.
 */
export interface LineRuleDefaults {
  priority: number
  freshnessSec: number
  cap: number
  /** Speech planner: acknowledge within this many seconds. */
  ackTargetSec: number
  /** Speech planner: how strongly this kind competes for speech time when several wait. */
  weight: number
}

export interface LineRuleLimits {
  freshnessSec: { min: number; max: number }
  capMax: number
}

/** An event line may wait up to an hour, and up to 10,000 may wait at once. */
export const EVENT_LINE_LIMITS: LineRuleLimits = {
  freshnessSec: { min: 1, max: 3600 },
  capMax: 10000
}

export const voiceNameSchema = z
  .string()
  .max(64)
  .refine((v) => /^[A-Za-z0-9_+-]*$/.test(v), rule('voice-name', 'letters, digits, _ + - only'))

/** The line-rule fields, to spread into an owner's strictObject beside its own. */
export function lineRuleShape(d: LineRuleDefaults, limits: LineRuleLimits = EVENT_LINE_LIMITS) {
  return {
    /** Higher is spoken first; each distinct value is a lane. */
    priority: z.int().min(0).max(9).default(d.priority),
    /** A line that cannot start within this many seconds of arrival is dropped as `stale`. */
    freshnessSec: z
      .number()
      .min(limits.freshnessSec.min)
      .max(limits.freshnessSec.max)
      .default(d.freshnessSec),
    /** Most lines of this kind waiting at once; the oldest makes room (`over-cap`). */
    cap: z.int().min(1).max(limits.capMax).default(d.cap),
    /** Voice for this kind; empty = the engine default. */
    voice: voiceNameSchema.default(''),
    /** Words per minute for this kind; 0 = the global rate. */
    rate: z
      .int()
      .min(0)
      .max(450)
      .refine((r) => r === 0 || r >= 80, rule('rate-or-zero', 'use 0 (global rate) or 80–450'))
      .default(0),
    /** Loudness of this kind relative to the master volume. */
    volume: z.number().min(0).max(2).default(1),
    /**
     * Speech planner: aim to acknowledge each line of this kind within this many seconds of its
     * arrival; events that would miss it are merged into one line with others of their kind.
     */
    ackTargetSec: z.number().min(1).max(600).default(d.ackTargetSec),
    /**
     * Speech planner: share of speech time when several kinds wait at once (relative to the
     * others' weights, at equal lateness). 0 = only when nothing else waits.
     */
    weight: z.number().min(0).max(100).default(d.weight)
  }
}
