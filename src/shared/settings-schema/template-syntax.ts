/**
 * Template syntax: `{name}` placeholders and weighted variants `[感谢:3|谢谢]` (weight 1 when not
 * given). Pure; used by the settings schema (validation) and the processing workers (rendering).
 */

import { fnv1a } from '../fnv1a'

export const TEMPLATE_FIELDS = ['user', 'content', 'count', 'gift', 'total', 'online'] as const

export interface Variant {
  text: string
  weight: number
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'choice'; variants: Variant[] }

/** Bad template syntax: a stable code and its values (for the UI's words), English in `message`. */
export class TemplateSyntaxError extends Error {
  override name = 'TemplateSyntaxError'
  constructor(
    readonly code:
      | 'template-stray-close'
      | 'template-unclosed'
      | 'template-nested'
      | 'template-placeholder'
      | 'template-weight',
    message: string,
    readonly params: Record<string, string | number> = {}
  ) {
    super(message)
  }
}

/** Splits a template into literal runs and variant groups; throws TemplateSyntaxError on bad syntax. */
export function parseTemplate(
  template: string,
  fields: readonly string[] = TEMPLATE_FIELDS
): TemplatePart[] {
  const parts: TemplatePart[] = []
  let at = 0
  while (at < template.length) {
    const open = template.indexOf('[', at)
    const close = template.indexOf(']', at)
    if (close !== -1 && (open === -1 || close < open))
      throw new TemplateSyntaxError('template-stray-close', `"]" without "[" at ${close + 1}`, {
        at: close + 1
      })
    if (open === -1) {
      parts.push({ kind: 'text', text: template.slice(at) })
      break
    }
    if (open > at) parts.push({ kind: 'text', text: template.slice(at, open) })
    const end = template.indexOf(']', open)
    if (end === -1)
      throw new TemplateSyntaxError('template-unclosed', `"[" at ${open + 1} is never closed`, {
        at: open + 1
      })
    const body = template.slice(open + 1, end)
    if (body.includes('['))
      throw new TemplateSyntaxError('template-nested', 'variant groups cannot be nested')
    parts.push({ kind: 'choice', variants: body.split('|').map(parseVariant) })
    at = end + 1
  }
  for (const part of parts) {
    const texts = part.kind === 'text' ? [part.text] : part.variants.map((v) => v.text)
    for (const text of texts) {
      for (const m of text.matchAll(/\{([^}]*)\}/g)) {
        if (!fields.includes(m[1] ?? '')) {
          const list = fields.map((f) => `{${f}}`).join(' ')
          throw new TemplateSyntaxError(
            'template-placeholder',
            `unknown placeholder {${m[1]}}; use ${list}`,
            { name: m[1] ?? '', list }
          )
        }
      }
    }
  }
  return parts
}

function parseVariant(raw: string): Variant {
  const m = raw.match(/^(.*?):(\d+)$/s)
  if (!m) return { text: raw, weight: 1 }
  const weight = Number(m[2])
  if (weight < 1 || weight > 1000)
    throw new TemplateSyntaxError(
      'template-weight',
      `variant weight must be 1–1000, got ${weight}`,
      {
        weight
      }
    )
  return { text: m[1] ?? '', weight }
}

/** Picks one variant per group with `random` in [0, 1), weighted. */
export function chooseVariants(parts: TemplatePart[], random: () => number): string {
  // A template without groups (most of them) is its one text: no array, no join.
  if (parts.length === 1 && parts[0]!.kind === 'text') return parts[0]!.text
  return parts
    .map((part) => {
      if (part.kind === 'text') return part.text
      const total = part.variants.reduce((sum, v) => sum + v.weight, 0)
      let r = random() * total
      for (const v of part.variants) {
        r -= v.weight
        if (r < 0) return v.text
      }
      return part.variants.at(-1)?.text ?? ''
    })
    .join('')
}

/** Deterministic [0, 1) stream from a string (an event id), so a line is reproducible. */
export function seededRandom(seed: string): () => number {
  // Hashed at the first draw: a template without variant groups draws nothing.
  let h: number | undefined
  return () => {
    h ??= fnv1a(seed)
    h = Math.imul(h ^ (h >>> 15), 2246822507)
    h = Math.imul(h ^ (h >>> 13), 3266489909)
    h ^= h >>> 16
    return (h >>> 0) / 4294967296
  }
}
