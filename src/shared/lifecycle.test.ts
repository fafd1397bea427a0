import { describe, expect, it } from 'vitest'
import {
  AsyncDisposable,
  AsyncDisposableStore,
  Disposable,
  DisposableStore,
  MutableDisposable,
  toDisposable
} from './lifecycle'

function tracked(log: string[], name: string) {
  return toDisposable(() => log.push(name))
}

describe('lifecycle', () => {
  it('DisposableStore disposes in reverse order, once, and disposes late additions at once', () => {
    const log: string[] = []
    const store = new DisposableStore()
    store.add(tracked(log, 'a'))
    store.add(tracked(log, 'b'))
    store.dispose()
    store.dispose()
    expect(log).toEqual(['b', 'a'])
    store.add(tracked(log, 'late'))
    expect(log).toEqual(['b', 'a', 'late'])
  })

  it('Disposable disposes what a subclass registered', () => {
    const log: string[] = []
    class Owner extends Disposable {
      constructor() {
        super()
        this._register(tracked(log, 'timer'))
        this._register(tracked(log, 'socket'))
      }
    }
    new Owner().dispose()
    expect(log).toEqual(['socket', 'timer'])
  })

  it('MutableDisposable disposes the value it replaces and the last one on dispose', () => {
    const log: string[] = []
    const slot = new MutableDisposable()
    slot.value = tracked(log, 'first')
    slot.value = tracked(log, 'second')
    expect(log).toEqual(['first'])
    slot.dispose()
    expect(log).toEqual(['first', 'second'])
    expect(slot.value).toBeUndefined()
    slot.value = tracked(log, 'after')
    expect(log).toEqual(['first', 'second', 'after'])
  })

  it('AsyncDisposableStore awaits each part in reverse order, once', async () => {
    const log: string[] = []
    const store = new AsyncDisposableStore()
    store.add(tracked(log, 'timer'))
    store.add({
      async dispose() {
        log.push('session: start')
        await new Promise((resolve) => setTimeout(resolve, 0))
        log.push('session: end')
      }
    })
    store.add(tracked(log, 'ticker'))
    const first = store.dispose()
    expect(store.dispose()).toBe(first)
    expect(store.isDisposing).toBe(true)
    await first
    expect(log).toEqual(['ticker', 'session: start', 'session: end', 'timer'])
  })

  it('AsyncDisposableStore disposes every part although one fails, then rethrows the first failure', async () => {
    const log: string[] = []
    const store = new AsyncDisposableStore()
    store.add(tracked(log, 'a'))
    store.add({
      dispose: () => Promise.reject(new Error('first'))
    })
    store.add({
      dispose: () => {
        throw new Error('second')
      }
    })
    await expect(store.dispose()).rejects.toThrow('second')
    expect(log).toEqual(['a'])
  })

  it('AsyncDisposableStore disposes a part added after disposal began', async () => {
    const log: string[] = []
    const store = new AsyncDisposableStore()
    await store.dispose()
    store.add(tracked(log, 'late'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(log).toEqual(['late'])
  })

  it('AsyncDisposable disposes what a subclass registered and says it is disposing', async () => {
    const log: string[] = []
    class Owner extends AsyncDisposable {
      constructor() {
        super()
        this._register(tracked(log, 'emitter'))
        this._register({ dispose: async () => void log.push('session') })
      }
      get disposing(): boolean {
        return this._isDisposing
      }
    }
    const owner = new Owner()
    expect(owner.disposing).toBe(false)
    const done = owner.dispose()
    expect(owner.disposing).toBe(true)
    await done
    expect(log).toEqual(['session', 'emitter'])
  })
})
