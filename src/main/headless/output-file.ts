import { createWriteStream, openSync, statSync, type WriteStream } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { ensureDir } from '../files/ensure-dir'

/** An output that cannot be used: which flag, which file, and the OS error code (or a reason). */
export class OutputError extends Error {
  constructor(
    readonly flag: string,
    readonly path: string,
    readonly code: string,
    detail?: string
  ) {
    super(`cannot write ${flag} ${path} (${code})${detail ? `: ${detail}` : ''}`)
  }
}

/** A file's identity, to tell when two paths (links, `./x` and `x`) are the same file. */
export interface FileId {
  path: string
  dev?: number
  ino?: number
}

export function fileId(path: string): FileId {
  const full = resolve(path)
  try {
    const s = statSync(full)
    return { path: full, dev: s.dev, ino: s.ino }
  } catch {
    return { path: full }
  }
}

export function sameFile(a: FileId, b: FileId): boolean {
  if (a.path === b.path) return true
  return a.ino !== undefined && a.dev === b.dev && a.ino === b.ino
}

/**
 * An output file opened at start-up, so a bad path (missing folder, read-only disk, a folder
 * where a file should be) stops the run at once with the path and the OS code, not after it.
 * Writes go through a stream; the first write error (e.g. ENOSPC) is kept, reported once through
 * `onError`, and later writes are skipped rather than queued without end.
 */
export class OutputFile {
  readonly path: string
  readonly #stream: WriteStream
  #error: OutputError | undefined

  constructor(
    readonly flag: string,
    file: string,
    mode: 'w' | 'a',
    private readonly onError: (error: OutputError) => void = () => {}
  ) {
    this.path = resolve(file)
    let fd: number
    try {
      ensureDir(dirname(this.path))
      fd = openSync(this.path, mode, 0o644)
    } catch (err) {
      throw new OutputError(flag, this.path, (err as { code?: string }).code ?? 'error')
    }
    this.#stream = createWriteStream('', { fd, flags: mode })
    this.#stream.on('error', (err: NodeJS.ErrnoException) => this.#fail(err.code ?? 'error'))
  }

  /** The first write error, if any. */
  get error(): OutputError | undefined {
    return this.#error
  }

  write(text: string): void {
    if (this.#error) return
    this.#stream.write(text)
  }

  /** Flushes and closes; resolves with the write error, if there was one (never rejects). */
  close(): Promise<OutputError | undefined> {
    return new Promise((resolveClose) => {
      if (this.#stream.destroyed) return resolveClose(this.#error)
      this.#stream.end(() => resolveClose(this.#error))
      this.#stream.once('error', () => resolveClose(this.#error))
    })
  }

  #fail(code: string): void {
    if (this.#error) return
    this.#error = new OutputError(this.flag, this.path, code)
    this.onError(this.#error)
  }
}
