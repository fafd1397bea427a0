import type { IDisposable } from './lifecycle'

/** A subscription function: call it with a listener, dispose the result to unsubscribe. */
export type Event<T> = (listener: (value: T) => void) => IDisposable

/** Minimal typed event emitter; a throwing listener does not stop the others. */
export class Emitter<T> implements IDisposable {
  #listeners = new Set<(value: T) => void>()

  readonly event: Event<T> = (listener) => {
    this.#listeners.add(listener)
    return { dispose: () => this.#listeners.delete(listener) }
  }

  fire(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value)
      } catch (err) {
        // One broken listener must not silence the others, nor crash a live stream.
        console.error('listener failed:', err)
      }
    }
  }

  get hasListeners(): boolean {
    return this.#listeners.size > 0
  }

  dispose(): void {
    this.#listeners.clear()
  }
}
