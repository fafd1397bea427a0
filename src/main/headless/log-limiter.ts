/**
 * Keeps the terminal readable under a flood: each kind of line (its words with numbers, quotes and
 * paths masked) is printed at most `perKind` times per second, all kinds together `total` times;
 * the rest is summed up as "… and 12,345 more like this" once the second is over. Control
 * characters and raw bytes are shown escaped, never sent to the terminal as they are.
 */
export class LogLimiter {
  readonly #kinds = new Map<string, { shown: number; held: number; sample: string }>()
  #windowStart: number
  #shownTotal = 0
  #timer: NodeJS.Timeout | undefined

  constructor(
    private readonly print: (line: string) => void,
    private readonly options: { perKind: number; total: number } = { perKind: 5, total: 40 },
    private readonly now: () => number = Date.now
  ) {
    this.#windowStart = now()
  }

  /** Prints `line` now, or counts it for the summary. */
  log(line: string): void {
    this.#roll()
    const key = kindOf(line)
    let kind = this.#kinds.get(key)
    if (!kind) this.#kinds.set(key, (kind = { shown: 0, held: 0, sample: line }))
    if (kind.shown < this.options.perKind && this.#shownTotal < this.options.total) {
      kind.shown++
      this.#shownTotal++
      this.print(safeForTerminal(line))
      return
    }
    kind.held++
    // Summaries come at the end of the second even when nothing else is logged.
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined
      this.#roll()
    }, 1000).unref()
  }

  /** Prints the summaries of what was held back (at the end of a run). */
  flush(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#summarise()
  }

  #roll(): void {
    if (this.now() - this.#windowStart < 1000) return
    this.#summarise()
  }

  #summarise(): void {
    for (const kind of this.#kinds.values())
      if (kind.held > 0)
        this.print(
          safeForTerminal(
            `… and ${kind.held.toLocaleString('en-US')} more like this: ${kind.sample}`
          )
        )
    this.#kinds.clear()
    this.#shownTotal = 0
    this.#windowStart = this.now()
  }
}

/** Lines that differ only in numbers, quoted text or file positions are the same kind. */
function kindOf(line: string): string {
  return line
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, '#')
    .slice(0, 60)
}

/**
 * Escapes what a terminal would act on or garble: C0/C1 controls (ESC, BEL, CR…), DEL, lone
 * surrogates and the replacement character that stands for raw bytes. Printable text, Chinese
 * included, stays as it is.
 */
export function safeForTerminal(text: string): string {
  return text.replace(
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => (c === '\ufffd' ? '\\ufffd' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  )
}
