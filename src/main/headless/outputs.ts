import { resolve } from 'node:path'
import { JsonlWriter } from './jsonl-writer'
import { fileId, OutputError, OutputFile, sameFile } from './output-file'

/** The files a run reads (`--source replay:`, `--config`, the demo session). */
export interface RunInputs {
  [flag: string]: string | undefined
}

/** The files a run writes, by flag. */
export interface RunOutputPaths {
  '--events-out'?: string
  '--speech-out'?: string
  '--stats-out'?: string
  '--log-file'?: string
  '--audio wav:'?: string
}

/**
 * Refuses outputs that would destroy an input (an `--events-out` on the replay it reads is
 * truncated before it is read) or that name the same file twice. Throws OutputError.
 */
export function checkOutputPaths(outputs: RunOutputPaths, inputs: RunInputs): void {
  const seen: [string, ReturnType<typeof fileId>][] = []
  for (const [flag, path] of Object.entries(outputs) as [string, string | undefined][]) {
    if (path === undefined) continue
    const id = fileId(path)
    for (const [inputFlag, input] of Object.entries(inputs)) {
      if (input !== undefined && sameFile(id, fileId(input)))
        throw new OutputError(flag, id.path, 'same-as-input', `it is the ${inputFlag} input`)
    }
    const twice = seen.find(([, other]) => sameFile(id, other))
    if (twice) throw new OutputError(flag, id.path, 'same-as-output', `${twice[0]} writes it too`)
    seen.push([flag, id])
  }
}

/** The run's output files, all opened at start-up. */
export class RunOutputs {
  readonly events?: JsonlWriter
  readonly speech?: JsonlWriter
  readonly log?: OutputFile
  readonly #stats?: OutputFile

  /** Opens every output given; throws OutputError (path and OS code) for the first that fails. */
  constructor(paths: RunOutputPaths, onError: (error: OutputError) => void) {
    const opened: { close(): Promise<unknown> }[] = []
    try {
      const events = paths['--events-out']
      if (events) opened.push((this.events = new JsonlWriter('--events-out', events, onError)))
      const speech = paths['--speech-out']
      if (speech) opened.push((this.speech = new JsonlWriter('--speech-out', speech, onError)))
      const log = paths['--log-file']
      if (log) opened.push((this.log = new OutputFile('--log-file', log, 'a', onError)))
      const stats = paths['--stats-out']
      if (stats) opened.push((this.#stats = new OutputFile('--stats-out', stats, 'w', onError)))
    } catch (err) {
      for (const o of opened) void o.close()
      throw err
    }
  }

  /**
   * Writes the stats (always, even when another output failed), then closes everything. Resolves
   * with every output that failed; never rejects.
   */
  async finish(stats: unknown): Promise<OutputError[]> {
    if (stats !== undefined) this.#stats?.write(JSON.stringify(stats, null, 2) + '\n')
    const results = await Promise.all(
      [this.events, this.speech, this.log, this.#stats].map((o) =>
        o ? o.close() : Promise.resolve(undefined)
      )
    )
    return results.filter((e): e is OutputError => e !== undefined)
  }
}

export const resolvePath = (p: string | undefined) => (p === undefined ? undefined : resolve(p))
