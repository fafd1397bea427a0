import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** Appends one JSON value per line to a file; `close()` flushes. */
export class JsonlWriter {
  readonly #stream: WriteStream
  #error: Error | undefined

  constructor(file: string) {
    const path = resolve(file)
    mkdirSync(dirname(path), { recursive: true })
    this.#stream = createWriteStream(path, { flags: 'w' })
    this.#stream.on('error', (err) => (this.#error = err))
  }

  write(value: unknown): void {
    if (!this.#error) this.#stream.write(JSON.stringify(value) + '\n')
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#stream.end(() => (this.#error ? reject(this.#error) : resolve()))
    )
  }
}
