import { useLayoutEffect, useRef, useState } from 'react'

/** The element's current content width in CSS pixels, so SVG charts draw at their real size. */
export function useWidth<T extends HTMLElement>(
  fallback = 600
): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(fallback)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () => setWidth(Math.max(100, Math.floor(el.clientWidth)))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}
