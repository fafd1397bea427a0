import { getPriority } from 'node:os'
import { describe, expect, it } from 'vitest'
import { lowerThisThreadPriority } from './thread-priority'

describe('lowerThisThreadPriority', () => {
  it('leaves the main thread alone: on every platform it would lower the whole process', () => {
    const before = getPriority()
    expect(lowerThisThreadPriority(10)).toBe(false)
    expect(getPriority()).toBe(before)
  })
})
