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

  get isDisposed(): boolean {
    return this.#disposed
  }

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
