import { z } from 'zod'
import { rule } from '../settings-issues'
import { parseTemplate, TemplateSyntaxError } from './template-syntax'

/**
 * A line's wording, its syntax and placeholders (`fields`) checked. Never empty: an empty template
 * would silence its type with every line dropped as "nothing left to say" (switch the type off).
 */
export function templateSchemaFor(fields?: readonly string[]) {
  return z
    .string()
    .max(300)
    .refine(
      (t) => t.trim() !== '',
      rule('template-empty', 'a template cannot be empty (switch the event type off instead)')
    )
    .superRefine((t, ctx) => {
      try {
        parseTemplate(t, fields)
      } catch (err) {
        const params = err instanceof TemplateSyntaxError ? { ...err.params, code: err.code } : {}
        ctx.addIssue({ code: 'custom', message: (err as Error).message, params })
      }
    })
}

export const templateSchema = templateSchemaFor()

export interface EventDefaults {
  enabled: boolean
  template: string
  /** Used when names are not read (switched off, or shed under load). */
  templateNoName: string
  priority: number
  freshnessSec: number
  cap: number
  /** Speech planner: thank every event of this type within this many seconds. */
  ackTargetSec: number
  /** Speech planner: how strongly this type competes for speech time when several wait. */
  weight: number
}

export const voiceNameSchema = z
  .string()
  .max(64)
  .refine((v) => /^[A-Za-z0-9_+-]*$/.test(v), rule('voice-name', 'letters, digits, _ + - only'))

/** Per event type: on/off, wording, lane, freshness, cap, and its own voice, rate and volume. */
export function eventSchema(d: EventDefaults) {
  return z
    .strictObject({
      enabled: z.boolean().default(d.enabled),
      template: templateSchema.default(d.template),
      templateNoName: templateSchema.default(d.templateNoName),
      /** Higher is spoken first; each distinct value is a lane. */
      priority: z.int().min(0).max(9).default(d.priority),
      /** A line that cannot start within this many seconds of arrival is dropped as `stale`. */
      freshnessSec: z.number().min(1).max(3600).default(d.freshnessSec),
      /** Most lines of this type waiting at once; the oldest makes room (`over-cap`). */
      cap: z.int().min(1).max(10000).default(d.cap),
      /** Voice for this type; empty = the engine default. */
      voice: voiceNameSchema.default(''),
      /** Words per minute for this type; 0 = the global rate. */
      rate: z
        .int()
        .min(0)
        .max(450)
        .refine((r) => r === 0 || r >= 80, rule('rate-or-zero', 'use 0 (global rate) or 80–450'))
        .default(0),
      /** Loudness of this type relative to the master volume. */
      volume: z.number().min(0).max(2).default(1),
      /**
       * Speech planner: aim to acknowledge each event of this type within this many seconds of its
       * arrival; events that would miss it are merged into one line with others of their kind.
       */
      ackTargetSec: z.number().min(1).max(600).default(d.ackTargetSec),
      /**
       * Speech planner: share of speech time when several types wait at once (relative to the
       * other types' weights, at equal lateness). 0 = only when nothing else waits.
       */
      weight: z.number().min(0).max(100).default(d.weight)
    })
    .prefault({})
}

/** Gift lines by value: the highest tier whose threshold the combo's total value reaches is used. */
export const giftTiersSchema = z
  .array(
    z.strictObject({
      minDiamonds: z.int().min(1).max(10_000_000),
      template: templateSchema,
      /**
       * A big gift: always its own line naming the sender, ahead of everything waiting (never
       * cutting off the line being spoken), never merged with smaller gifts.
       */
      bigGift: z.boolean().default(false)
    })
  )
  .max(10)
  .default([
    {
      minDiamonds: 99,
      template: '[谢谢:1|感谢:2]{user}送的{count}个{gift}，太给力了',
      bigGift: false
    },
    {
      minDiamonds: 1000,
      template: '感谢{user}送的{count}个{gift}，老板大气！',
      bigGift: true
    }
  ])
