type Plain = Record<string, unknown>

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Merges `patch` into `base` recursively, as a JSON merge patch (RFC 7396): arrays and scalars in
 * the patch replace, `null` removes the key (an entry deleted from a record such as `users`).
 * Neither is mutated.
 */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlain(base) || !isPlain(patch)) return patch === undefined ? base : patch
  const out: Plain = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    // Own data keys only: a patch cannot reach the prototype.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue
    if (value === null) delete out[key]
    else out[key] = deepMerge(base[key], value)
  }
  return out
}
