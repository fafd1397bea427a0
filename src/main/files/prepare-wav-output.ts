import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { readWavLayout } from '../../shared/wav-format'
import { ensureDir } from './ensure-dir'

/** Why a WAV output cannot be used, with a code to branch on. */
export class WavOutputError extends Error {
  constructor(
    readonly code: 'not-wav' | 'not-a-file' | 'unreadable' | 'unwritable',
    message: string
  ) {
    super(message)
  }
}

/**
 * Starts a run's `--audio wav:<file>` afresh: an earlier WAV there is emptied (the player then
 * creates a new header and appends for the rest of the run, across restarts and reconnects);
 * a missing file is created (and its folder). Anything else at that path (a text file, a folder)
 * is refused, never overwritten; a path that cannot be written (`/proc/…`, a read-only disk) is
 * refused at once with the OS code, before any player process starts.
 */
export function prepareWavOutput(file: string): void {
  let size: number
  try {
    const stat = statSync(file)
    if (!stat.isFile()) throw new WavOutputError('not-a-file', `${file} is not a file`)
    size = stat.size
  } catch (err) {
    if (err instanceof WavOutputError) throw err
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return create(file)
    throw new WavOutputError(
      'unreadable',
      `cannot read ${file} (${(err as NodeJS.ErrnoException).code})`
    )
  }
  if (size > 0) {
    const head = new Uint8Array(Math.min(size, 4096))
    const fd = openSync(file, 'r')
    try {
      readSync(fd, head, 0, head.byteLength, 0)
    } finally {
      closeSync(fd)
    }
    try {
      readWavLayout(head)
    } catch {
      throw new WavOutputError(
        'not-wav',
        `${file} exists and is not a WAV file; refusing to overwrite it (choose another file)`
      )
    }
  }
  create(file)
}

/** Creates (or empties) the file, making its folder first. */
function create(file: string): void {
  try {
    ensureDir(dirname(file))
    closeSync(openSync(file, 'w', 0o644))
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'error'
    throw new WavOutputError('unwritable', `cannot write ${file} (${code})`)
  }
}
