import { parseSettings, type Settings } from '../../../shared/settings'
import type { SettingsIssue } from '../../../shared/settings-issues'

/**
 * The settings form's model: an editable copy of the settings (the draft), the patch that sends
 * only what changed, and validation errors keyed by field path (`pools.tts.max`).
 */

export type Path = readonly (string | number)[]
/** A problem with a field: its code and values (worded by the UI). */
export type FieldIssue = Pick<SettingsIssue, 'code' | 'params'>
/** Validation problems by field path (`pools.tts.max`). */
export type FieldErrors = Record<string, FieldIssue[]>

type Plain = Record<string, unknown>

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `['pools', 'tts', 'max']` → `pools.tts.max` (the form parseSettings names fields in). */
export function pathKey(path: Path): string {
  return path.map(String).join('.')
}

/** The value at `path`, or undefined. */
export function getAt(obj: unknown, path: Path): unknown {
  let cur = obj
  for (const key of path) {
    if (!isPlain(cur) && !Array.isArray(cur)) return undefined
    cur = (cur as Plain)[key as string]
  }
  return cur
}

/** A copy of `obj` with `value` at `path` (only the objects along the path are copied). */
export function setAt<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T
  const [head, ...rest] = path
  // A list item (gift tiers, thresholds) stays in a list.
  if (Array.isArray(obj) && typeof head === 'number') {
    const copy = [...(obj as unknown[])]
    copy[head] = setAt(copy[head], rest, value)
    return copy as T
  }
  const base = isPlain(obj) ? obj : {}
  return { ...base, [head as string]: setAt((base as Plain)[head as string], rest, value) } as T
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The smallest partial settings object turning `base` into `draft`: objects recurse, arrays and
 * scalars are sent whole (as the main process's merge expects). Undefined when nothing changed.
 */
export function diffPatch(base: unknown, draft: unknown): Plain | undefined {
  if (!isPlain(base) || !isPlain(draft)) return undefined
  const patch: Plain = {}
  for (const [key, value] of Object.entries(draft)) {
    const before = base[key]
    // Cleared optional values (undefined does not survive JSON) are removed with null, too.
    if (value === undefined) {
      if (before !== undefined) patch[key] = null
      continue
    }
    if (isPlain(value) && isPlain(before)) {
      const sub = diffPatch(before, value)
      if (sub) patch[key] = sub
    } else if (!same(before, value)) {
      patch[key] = value
    }
  }
  // A key the draft no longer has (a removed user or room) is sent as null: the merge removes it.
  for (const key of Object.keys(base))
    if (!(key in draft) && base[key] !== undefined) patch[key] = null
  return Object.keys(patch).length > 0 ? patch : undefined
}

/** Groups coded issues (parseSettings, Result.error.issues) by field path. */
export function errorsByField(issues: readonly SettingsIssue[]): FieldErrors {
  const out: FieldErrors = {}
  for (const { path, code, params } of issues)
    (out[path] ??= []).push(params ? { code, params } : { code })
  return out
}

/** Validates the whole draft with the same schema the main process uses. */
export function validateDraft(draft: Settings): { ok: true } | { ok: false; errors: FieldErrors } {
  const result = parseSettings(draft)
  return result.ok ? { ok: true } : { ok: false, errors: errorsByField(result.issues) }
}

/** Errors for a field and everything under it (a list's items report as `list.0`). */
export function errorsFor(errors: FieldErrors, path: Path): FieldIssue[] {
  const key = pathKey(path)
  const out: FieldIssue[] = []
  for (const [k, messages] of Object.entries(errors))
    if (k === key || k.startsWith(`${key}.`)) out.push(...messages)
  return out
}

/** One blocked word per line → the list (blank lines and surrounding spaces ignored). */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** Applies a patch from diffPatch onto `base` (objects merge, everything else replaces). */
export function applyPatch<T>(base: T, patch: Plain | undefined): T {
  if (!patch) return base
  const out: Plain = { ...(base as Plain) }
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isPlain(value) && isPlain(out[key]) ? applyPatch(out[key], value) : value
  }
  return out as T
}

/**
 * Moves unapplied edits onto settings that changed meanwhile (the rate slider, another window):
 * the user's edits win, everything else follows the new settings.
 */
export function rebase<T>(oldBase: T, draft: T, newBase: T): T {
  return applyPatch(newBase, diffPatch(oldBase, draft))
}
