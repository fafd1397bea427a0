import { settingsSchema, type Settings } from '../../shared/settings'

/**
 * Settings keys that earlier versions wrote and this one no longer has: an old file that still
 * holds them loads with just those dropped, silently (program paths stopped being settings).
 */
export const OBSOLETE_KEYS: readonly string[] = [
  'tts.engines.sapi.powershell',
  'tts.engines.say.command'
]

export interface Salvaged {
  settings: Settings
  /** Paths of the values that were invalid and replaced by defaults, e.g. `pools.tts.max`. */
  dropped: string[]
}

type Path = (string | number)[]
const MAX_ROUNDS = 20

/**
 * Loads what can be kept from a settings object some of whose values are invalid: each bad value
 * (or list entry, or unknown key) is removed so its default applies, and the rest is kept. Returns
 * undefined when nothing sensible is left (the file is not an object at all).
 */
export function salvageSettings(input: unknown): Salvaged | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined
  const data = structuredClone(input) as Record<string, unknown>
  for (const key of OBSOLETE_KEYS) removeAt(data, key.split('.'))
  const dropped: string[] = []
  // Each round removes every value zod names; a refinement may only show once the rest is valid.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = settingsSchema.safeParse(data)
    if (result.success) return { settings: result.data, dropped }
    const paths: Path[] = []
    for (const issue of result.error.issues) {
      const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
      if (issue.code === 'unrecognized_keys') for (const k of issue.keys) paths.push([...at, k])
      else paths.push(at)
    }
    if (paths.some((p) => p.length === 0)) return undefined
    // Remove list entries from the back, so earlier indexes stay right.
    paths.sort((a, b) => compareDesc(a, b))
    let removed = 0
    for (const path of paths) {
      if (!removeAt(data, path)) continue
      removed++
      dropped.push(path.map(String).join('.'))
    }
    if (removed === 0) return undefined
  }
  return undefined
}

function compareDesc(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue
    if (typeof a[i] === 'number' && typeof b[i] === 'number')
      return (b[i] as number) - (a[i] as number)
    return String(b[i]).localeCompare(String(a[i]))
  }
  return b.length - a.length
}

/** Deletes the value at `path` (a list entry is spliced out); false when nothing was there. */
function removeAt(root: Record<string, unknown>, path: Path): boolean {
  let node: unknown = root
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false
    node = (node as Record<string | number, unknown>)[key]
  }
  const last = path.at(-1)!
  if (Array.isArray(node) && typeof last === 'number') {
    if (last >= node.length) return false
    node.splice(last, 1)
    return true
  }
  if (typeof node !== 'object' || node === null || !Object.hasOwn(node, last)) return false
  delete (node as Record<string | number, unknown>)[last]
  return true
}
