import { describe, expect, it } from 'vitest'
import { IdWindow } from './id-window'

describe('IdWindow', () => {
  it('remembers exactly the last `capacity` ids', () => {
    const w = new IdWindow(3)
    expect(['a', 'b', 'c'].map((id) => w.add(id))).toEqual([true, true, true])
    expect(w.add('a')).toBe(false)
    expect(w.add('d')).toBe(true) // evicts a
    expect(w.add('a')).toBe(true) // evicts b
    expect(w.add('c')).toBe(false)
    expect(w.add('b')).toBe(true)
    expect(w.size).toBe(3)
  })
})
