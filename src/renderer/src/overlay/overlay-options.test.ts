import { describe, expect, it } from 'vitest'
import { overlayOptions } from './overlay-options'

describe('overlayOptions', () => {
  it('has readable defaults', () => {
    expect(overlayOptions('?token=x')).toEqual({ size: 48, next: true, align: 'left' })
  })

  it('reads size, next and align, ignoring nonsense', () => {
    expect(overlayOptions('?size=72&next=0&align=center')).toEqual({
      size: 72,
      next: false,
      align: 'center'
    })
    expect(overlayOptions('?size=9999&align=diagonal')).toEqual({
      size: 48,
      next: true,
      align: 'left'
    })
  })
})
