/**
 * How long lines take to speak, learnt from the lines actually played (an EWMA of milliseconds per
 * character), so the planner's estimates follow the voice, the rate and the adaptive boost in use.
 */
export class LineTiming {
  #msPerChar: number
  #lineMs: number

  constructor(msPerChar = 270, lineMs = 3300) {
    this.#msPerChar = msPerChar
    this.#lineMs = lineMs
  }

  /** A line of `chars` characters took `ms` to play. */
  learn(chars: number, ms: number): void {
    if (chars <= 0 || !(ms > 0)) return
    const alpha = 0.2
    this.#msPerChar += alpha * (ms / chars - this.#msPerChar)
    this.#lineMs += alpha * (ms - this.#lineMs)
  }

  /** Expected duration of `text`. */
  estimate(text: string): number {
    return Math.max(600, [...text].length * this.#msPerChar)
  }

  /** A typical line's duration, ms. */
  get lineMs(): number {
    return this.#lineMs
  }
}
