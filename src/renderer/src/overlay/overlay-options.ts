/** Overlay look, from its URL, so each OBS browser source can be set up without a settings page. */
export interface OverlayOptions {
  /** Font size of the current line in px (`?size=`, 16–160). @default 48 */
  size: number
  /** Show the next line (`?next=0` hides it). @default true */
  next: boolean
  /** `?align=left|center|right`. @default 'left' */
  align: 'left' | 'center' | 'right'
}

/** Reads the overlay options from a URL query string, falling back to the defaults. */
export function overlayOptions(search: string): OverlayOptions {
  const q = new URLSearchParams(search)
  const size = Number(q.get('size'))
  const align = q.get('align')
  return {
    size: Number.isFinite(size) && size >= 16 && size <= 160 ? size : 48,
    next: q.get('next') !== '0',
    align: align === 'center' || align === 'right' ? align : 'left'
  }
}
