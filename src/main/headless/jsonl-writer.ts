import { OutputFile, type OutputError } from './output-file'

/** Writes one JSON value per line to an output file opened (and checked) at start-up. */
export class JsonlWriter {
  readonly #file: OutputFile

  constructor(flag: string, file: string, onError?: (error: OutputError) => void) {
    this.#file = new OutputFile(flag, file, 'w', onError)
  }

  get path(): string {
    return this.#file.path
  }

  write(value: unknown): void {
    this.#file.write(JSON.stringify(value) + '\n')
  }

  close(): Promise<OutputError | undefined> {
    return this.#file.close()
  }
}
