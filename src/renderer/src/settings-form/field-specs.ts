import type { MessageKey } from '../i18n/i18n'
import type { Path } from './draft'

/**
 * The vocabulary of the settings form as data: what a field, a section and a group are, and the
 * builders the per-group modules (content-fields.ts, voice-fields.ts…) describe their fields with.
 */

export interface Choice {
  value: string
  /** An i18n key, or the text itself (technical values such as formats). */
  label: MessageKey | string
}

export interface Base {
  path: Path
  label: MessageKey
  hint?: MessageKey
  /** Spans the section's whole width (long texts, templates). */
  wide?: boolean
}

export type FieldSpec =
  | (Base & { kind: 'number'; min?: number; max?: number; step?: number })
  | (Base & { kind: 'text' | 'secret' | 'template'; placeholder?: string })
  | (Base & { kind: 'toggle' })
  | (Base & { kind: 'select'; options: readonly Choice[] })
  | (Base & { kind: 'list' })
  /** A fixed number of numbers (shedding thresholds). */
  | (Base & { kind: 'numbers'; count: number; min?: number })
  /** `name=value` lines (free-form engine parameters). */
  | (Base & { kind: 'keyValues' })
  /** An output device chosen from the list the main process offers. */
  | (Base & { kind: 'device' })

/** Sections whose editing is more than a list of fields. */
export type EditorId =
  | 'presets'
  | 'events'
  | 'giftTiers'
  | 'voicePicker'
  | 'typeVoices'
  | 'users'
  | 'obsLink'
  | 'eventQueues'
  | 'planTypes'
  | 'wordingPresets'
  | 'rooms'

export interface SectionSpec {
  id: string
  title: MessageKey
  hint?: MessageKey
  fields?: FieldSpec[]
  editor?: EditorId
  /** What an editor edits, as paths with `*` for any one segment (for the coverage check). */
  covers?: string[]
  /** Takes the group's full width. */
  wide?: boolean
  /** Plain fields above the editor (a switch that governs it); otherwise below it. */
  fieldsFirst?: boolean
}

export type GroupId =
  'content' | 'voice' | 'filter' | 'output' | 'hotkeys' | 'room' | 'ai' | 'advanced'

export interface GroupSpec {
  id: GroupId
  title: MessageKey
  sections: SectionSpec[]
}

/** Field builders: a field's label key is `f.<path>` by convention. */
export const p = (dotted: string): Path => dotted.split('.')
export const num = (
  path: string,
  min?: number,
  max?: number,
  step?: number,
  extra: Partial<Base> = {}
): FieldSpec => ({
  kind: 'number',
  path: p(path),
  label: `f.${path}` as MessageKey,
  min,
  max,
  step,
  ...extra
})
export const text = (
  path: string,
  extra: Partial<Base> & { placeholder?: string } = {}
): FieldSpec => ({
  kind: 'text',
  path: p(path),
  label: `f.${path}` as MessageKey,
  ...extra
})
export const template = (path: string): FieldSpec => ({
  kind: 'template',
  path: p(path),
  label: `f.${path}` as MessageKey,
  wide: true
})
export const toggle = (path: string): FieldSpec => ({
  kind: 'toggle',
  path: p(path),
  label: `f.${path}` as MessageKey
})
export const list = (path: string): FieldSpec => ({
  kind: 'list',
  path: p(path),
  label: `f.${path}` as MessageKey
})
export const select = (path: string, options: readonly Choice[]): FieldSpec => ({
  kind: 'select',
  path: p(path),
  label: `f.${path}` as MessageKey,
  options
})
export const plain = (values: readonly (string | number)[]): Choice[] =>
  values.map((v) => ({ value: String(v), label: String(v) }))
export const RATES = [16000, 22050, 24000, 44100, 48000]
