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

/** Something whose release takes time (a session that drains, a pool that terminates its threads). */
export interface IAsyncDisposable {
  dispose(): Promise<void>
}

/** What an async owner can hold: parts that let go at once and parts that take time. */
export type AnyDisposable = IDisposable | IAsyncDisposable

/**
 * DisposableStore for owners whose parts release asynchronously. Parts are disposed in reverse
 * order of registration, each awaited before the next (a part registered later may still be using
 * an earlier one while it drains), and only once: a second `dispose` returns the same promise. A
 * part that fails does not stop the rest; the first failure is rethrown once all have run.
 */
export class AsyncDisposableStore implements IAsyncDisposable {
  #items: AnyDisposable[] = []
  #disposing: Promise<void> | undefined

  /** True once disposal has begun. */
  get isDisposing(): boolean {
    return this.#disposing !== undefined
  }

  /** Holds `item`; added after disposal began, it is disposed at once (its failure is dropped). */
  add<T extends AnyDisposable>(item: T): T {
    if (this.#disposing) {
      void Promise.resolve()
        .then(() => item.dispose())
        .catch(() => undefined)
      return item
    }
    this.#items.push(item)
    return item
  }

  dispose(): Promise<void> {
    this.#disposing ??= this.#disposeAll()
    return this.#disposing
  }

  async #disposeAll(): Promise<void> {
    const items = this.#items.reverse()
    this.#items = []
    const failures: unknown[] = []
    for (const item of items) {
      try {
        await item.dispose()
      } catch (err) {
        failures.push(err)
      }
    }
    if (failures.length > 0) throw failures[0]
  }
}

/**
 * Base for long-lived objects that release asynchronously (the app controller ends its session,
 * the resilient engine waits for its engines): the async twin of `Disposable`.
 */
export abstract class AsyncDisposable implements IAsyncDisposable {
  readonly #store = new AsyncDisposableStore()

  protected _register<T extends AnyDisposable>(item: T): T {
    return this.#store.add(item)
  }

  /** True once `dispose` has been called: new work should be refused. */
  protected get _isDisposing(): boolean {
    return this.#store.isDisposing
  }

  dispose(): Promise<void> {
    return this.#store.dispose()
  }
}
