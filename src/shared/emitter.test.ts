import { afterEach, describe, expect, it, vi } from 'vitest'
import { Emitter } from './emitter'

afterEach(() => vi.restoreAllMocks())

describe('Emitter', () => {
  it('calls the listeners subscribed when a fire starts, in order, once each', () => {
    const e = new Emitter<number>()
    const seen: string[] = []
    const late = (v: number) => seen.push(`late ${v}`)
    const a = (v: number) => {
      seen.push(`a ${v}`)
      // Subscribed or removed during a fire: from the next fire on.
      e.event(late)
      second.dispose()
    }
    e.event(a)
    e.event(a)
    const second = e.event((v) => seen.push(`b ${v}`))
    e.fire(1)
    e.fire(2)
    expect(seen).toEqual(['a 1', 'b 1', 'a 2', 'late 2'])
  })

  it('a throwing listener does not stop the others; disposed listeners are not called', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const e = new Emitter<string>()
    const seen: string[] = []
    e.event(() => {
      throw new Error('broken')
    })
    const sub = e.event((v) => seen.push(v))
    e.fire('x')
    sub.dispose()
    e.fire('y')
    expect(seen).toEqual(['x'])
    expect(e.hasListeners).toBe(true)
    e.dispose()
    expect(e.hasListeners).toBe(false)
  })
})
