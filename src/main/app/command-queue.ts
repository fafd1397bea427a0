/** What a queued job that a later one made pointless resolves with. */
export const SUPERSEDED = Symbol('superseded')

interface Job {
  run: () => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  /** A later supersedable job replaces this one while it still waits. */
  supersedable: boolean
}

/**
 * Runs the commands that change the session or the settings one at a time, in arrival order, so a
 * burst can never interleave two connects (two pipelines) or a connect with a settings write.
 * A connect or disconnect still waiting when another one arrives is superseded (answered at once,
 * never run): only the last of a burst of session changes matters, and it runs promptly.
 */
export class CommandQueue {
  readonly #jobs: Job[] = []
  #running = false
  #idle: (() => void)[] = []

  /** Queues `run`; resolves with its result (or, when `supersedable`, possibly SUPERSEDED). */
  enqueue<T>(run: () => Promise<T>, supersedable?: false): Promise<T>
  enqueue<T>(run: () => Promise<T>, supersedable: true): Promise<T | typeof SUPERSEDED>
  enqueue<T>(run: () => Promise<T>, supersedable = false): Promise<T | typeof SUPERSEDED> {
    return new Promise((resolve, reject) => {
      if (supersedable) {
        for (let i = this.#jobs.length - 1; i >= 0; i--) {
          const job = this.#jobs[i]!
          if (!job.supersedable) continue
          this.#jobs.splice(i, 1)
          job.resolve(SUPERSEDED)
        }
      }
      this.#jobs.push({ run, resolve: resolve as (v: unknown) => void, reject, supersedable })
      void this.#pump()
    })
  }

  /** Jobs waiting (not counting the one running). */
  get waiting(): number {
    return this.#jobs.length
  }

  /** Resolves once nothing runs or waits. */
  idle(): Promise<void> {
    if (!this.#running && this.#jobs.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  async #pump(): Promise<void> {
    if (this.#running) return
    this.#running = true
    for (let job = this.#jobs.shift(); job; job = this.#jobs.shift()) {
      try {
        job.resolve(await job.run())
      } catch (err) {
        job.reject(err)
      }
    }
    this.#running = false
    for (const done of this.#idle.splice(0)) done()
  }
}
