import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { ensureDir } from './ensure-dir'

/** A file that was not (completely) written; the old content, if any, is untouched. */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    /** The OS error code: `EROFS`, `ENOSPC`, `EACCES`, `EDQUOT`, … */
    readonly code: string
  ) {
    super(`cannot save ${path} (${code})`)
  }
}

/**
 * Replaces `file` with `text` all or nothing: written to a temp file beside it, flushed to disk,
 * then renamed over the old one. A full disk, a read-only folder or a crash midway leaves the old
 * file as it was. Throws {@link FileWriteError}.
 */
export function writeFileAtomic(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  let fd: number | undefined
  try {
    ensureDir(dirname(file))
    fd = openSync(temp, 'w', 0o600)
    const bytes = Buffer.from(text, 'utf8')
    for (let done = 0; done < bytes.byteLength;)
      done += writeSync(fd, bytes, done, bytes.byteLength - done)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, file)
  } catch (err) {
    if (fd !== undefined) closeSync(fd)
    try {
      rmSync(temp, { force: true })
    } catch {
      // the temp file was never made (read-only folder), or cannot go: nothing more to do
    }
    const code = (err as { code?: string }).code ?? 'error'
    throw new FileWriteError(file, code)
  }
}
