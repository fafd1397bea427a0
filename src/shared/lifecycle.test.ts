import { describe, expect, it } from 'vitest'
import { Disposable, DisposableStore, MutableDisposable, toDisposable } from './lifecycle'

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
})
