import { z } from 'zod'
import { rule } from '../settings-issues'
import { lineRuleShape, type LineRuleDefaults } from './line-rule'
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

export interface EventDefaults extends LineRuleDefaults {
  enabled: boolean
  template: string
  /** Used when names are not read (switched off, or shed under load). */
  templateNoName: string
}

/** Per event type: on/off, wording, and its line rule (lane, freshness, cap, voice, rate, volume). */
export function eventSchema(d: EventDefaults) {
  return z
    .strictObject({
      enabled: z.boolean().default(d.enabled),
      template: templateSchema.default(d.template),
      templateNoName: templateSchema.default(d.templateNoName),
      ...lineRuleShape(d)
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
