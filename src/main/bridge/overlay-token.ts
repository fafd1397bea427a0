import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ensureDir } from '../files/ensure-dir'
import { createToken } from './token'

const SHAPE = /^[A-Za-z0-9_-]{24,128}$/

/**
 * The OBS link's read-only token, kept in the data folder (`overlay-token`, owner-only) so the link
 * pasted into OBS keeps working after a restart. Without a folder it lives for this run only.
 * A file that does not hold a token is replaced.
 */
export class OverlayTokenStore {
  readonly file: string | undefined

  constructor(dataDir: string | undefined) {
    this.file = dataDir ? join(dataDir, 'overlay-token') : undefined
  }

  /** The kept token, or a new one (kept from now on). */
  load(): string {
    if (this.file && existsSync(this.file)) {
      try {
        const token = readFileSync(this.file, 'utf8').trim()
        if (SHAPE.test(token)) return token
      } catch {
        // unreadable: a new token below
      }
    }
    return this.reset()
  }

  /** A new token, kept (the old OBS link stops working). */
  reset(): string {
    const token = createToken()
    if (this.file) {
      ensureDir(dirname(this.file))
      const temp = `${this.file}.tmp`
      writeFileSync(temp, `${token}\n`, { mode: 0o600 })
      chmodSync(temp, 0o600)
      renameSync(temp, this.file)
    }
    return token
  }
}
