import { closeSync, openSync, readSync } from 'node:fs'

/** A file that could not be read whole: the OS error code, or `too-large`. */
export class ReadCappedError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

/**
 * Reads a text file, refusing to hold more than `maxBytes`: `/dev/zero`, a runaway log or a
 * mistyped path to a video fails after reading a little over the limit, instead of filling memory.
 * Devices and pipes report size 0, so the limit is enforced while reading, not from `stat`.
 */
export function readFileCapped(file: string, maxBytes: number): string {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    throw new ReadCappedError(file, code, `cannot read ${file} (${code})`)
  }
  const chunks: Buffer[] = []
  let total = 0
  try {
    const chunk = Buffer.allocUnsafe(64 * 1024)
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.byteLength, null)
      if (n === 0) break
      total += n
      if (total > maxBytes)
        throw new ReadCappedError(
          file,
          'too-large',
          `${file} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; refusing to read it`
        )
      chunks.push(Buffer.from(chunk.subarray(0, n)))
    }
  } catch (err) {
    if (err instanceof ReadCappedError) throw err
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    throw new ReadCappedError(file, code, `cannot read ${file} (${code})`)
  } finally {
    closeSync(fd)
  }
  return Buffer.concat(chunks, total).toString('utf8')
}
