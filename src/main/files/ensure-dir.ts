import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** A folder that could not be made, with the OS error code (`ENOENT`, `EACCES`, `ENOTDIR`…). */
export class EnsureDirError extends Error {
  constructor(
    readonly path: string,
    readonly code: string
  ) {
    super(`cannot create folder ${path} (${code})`)
  }
}

/**
 * Creates `dir` and any missing parents, one level at a time. Node's own `recursive: true` spins
 * forever on some paths (`/proc/nope/x` loops at 100% CPU on Node 20), so it is not used: here every
 * level is one plain mkdir, and the first failure is an error naming the path and the code.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = []
  let at = resolve(dir)
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw new EnsureDirError(at, 'ENOTDIR')
      break
    } catch (err) {
      if (err instanceof EnsureDirError) throw err
      const code = (err as NodeJS.ErrnoException).code ?? 'error'
      if (code !== 'ENOENT') throw new EnsureDirError(at, code)
    }
    missing.push(at)
    const parent = dirname(at)
    if (parent === at) break
    at = parent
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error'
      if (code !== 'EEXIST') throw new EnsureDirError(path, code)
    }
  }
}
