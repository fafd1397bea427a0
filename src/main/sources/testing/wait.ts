import { Emitter } from '../../../shared/emitter'

/**
 * Lets tests wait for a condition on a test server without polling clocks: the server fires
 * `changed` whenever its records move, and `until()` re-checks then. The timeout only turns a hang
 * into a readable failure; no test asserts on time.
 */
export class Recorder {
  readonly #changed = new Emitter<void>()

  protected notify(): void {
    this.#changed.fire()
  }

  until(condition: () => boolean, what = 'condition', timeoutMs = 20_000): Promise<void> {
    if (condition()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose()
        reject(new Error(`timed out waiting for ${what}`))
      }, timeoutMs)
      const sub = this.#changed.event(() => {
        if (!condition()) return
        clearTimeout(timer)
        sub.dispose()
        resolve()
      })
    })
  }

  protected disposeRecorder(): void {
    this.#changed.dispose()
  }
}
