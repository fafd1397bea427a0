import { closeSync, openSync, readSync, statSync, truncateSync } from 'node:fs'
import { readWavLayout } from '../../shared/wav-format'

/** Why a WAV output cannot be used, with a code to branch on. */
export class WavOutputError extends Error {
  constructor(
    readonly code: 'not-wav' | 'not-a-file' | 'unreadable',
    message: string
  ) {
    super(message)
  }
}

/**
 * Starts a run's `--audio wav:<file>` afresh: an earlier WAV there is emptied (the player then
 * creates a new header and appends for the rest of the run, across restarts and reconnects);
 * a missing file is fine. Anything else at that path (a text file, a folder) is refused, never
 * overwritten.
 */
export function prepareWavOutput(file: string): void {
  let size: number
  try {
    const stat = statSync(file)
    if (!stat.isFile()) throw new WavOutputError('not-a-file', `${file} is not a file`)
    size = stat.size
  } catch (err) {
    if (err instanceof WavOutputError) throw err
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
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
  truncateSync(file, 0)
}
