import type { IDisposable } from './lifecycle'

/** A subscription function: call it with a listener, dispose the result to unsubscribe. */
export type Event<T> = (listener: (value: T) => void) => IDisposable

/** Minimal typed event emitter; a throwing listener does not stop the others. */
export class Emitter<T> implements IDisposable {
  /**
   * Replaced, never mutated, on (un)subscribe: `fire` walks the array it started with, so a
   * listener added or removed meanwhile takes effect from the next fire, and firing (several times
   * per event on the hot path) allocates nothing.
   */
  #listeners: readonly ((value: T) => void)[] = []

  readonly event: Event<T> = (listener) => {
    if (!this.#listeners.includes(listener)) this.#listeners = [...this.#listeners, listener]
    return {
      dispose: () => {
        this.#listeners = this.#listeners.filter((l) => l !== listener)
      }
    }
  }

  fire(value: T): void {
    for (const listener of this.#listeners) {
      try {
        listener(value)
      } catch (err) {
        // One broken listener must not silence the others, nor crash a live stream.
        console.error('listener failed:', err)
      }
    }
  }

  get hasListeners(): boolean {
    return this.#listeners.length > 0
  }

  dispose(): void {
    this.#listeners = []
  }
}
