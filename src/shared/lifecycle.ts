/** Anything that holds a resource (timer, socket, listener, process) and must let it go. */
export interface IDisposable {
  dispose(): void
}

export function toDisposable(fn: () => void): IDisposable {
  let done = false
  return {
    dispose() {
      if (done) return
      done = true
      fn()
    }
  }
}

/** Owns a set of disposables and disposes them together, in reverse order of registration. */
export class DisposableStore implements IDisposable {
  #items: IDisposable[] = []
  #disposed = false

  add<T extends IDisposable>(item: T): T {
    if (this.#disposed) {
      item.dispose()
      return item
    }
    this.#items.push(item)
    return item
  }

  dispose(): void {
    if (this.#disposed) return
    this.#disposed = true
    const items = this.#items.reverse()
    this.#items = []
    for (const item of items) item.dispose()
  }
}

/**
 * Base for long-lived objects: whatever a subclass `_register`s is disposed with it, in reverse
 * order, so a class never keeps a hand-written dispose list (VS Code's `Disposable`).
 */
export abstract class Disposable implements IDisposable {
  readonly #store = new DisposableStore()

  protected _register<T extends IDisposable>(item: T): T {
    return this.#store.add(item)
  }

  dispose(): void {
    this.#store.dispose()
  }
}

/**
 * Holds at most one disposable that gets replaced over time (the current socket, the current
 * hotkey registration): setting a new value disposes the old one, and disposing disposes the last.
 */
export class MutableDisposable<T extends IDisposable> implements IDisposable {
  #value: T | undefined
  #disposed = false

  get value(): T | undefined {
    return this.#value
  }

  set value(value: T | undefined) {
    if (this.#value === value) return
    this.#value?.dispose()
    if (this.#disposed) {
      value?.dispose()
      return
    }
    this.#value = value
  }

  dispose(): void {
    this.#disposed = true
    this.#value?.dispose()
    this.#value = undefined
  }
}
