import { useEffect, useRef } from 'react'

/**
 * Returns a function that calls `fn` once input has rested for `ms` (sliders send one command
 * per pause, not one per pixel: every setting change is written to disk).
 */
export function useDebounced<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number
): (...args: A) => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const latest = useRef(fn)
  latest.current = fn
  useEffect(() => () => clearTimeout(timer.current), [])
  return (...args: A) => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => latest.current(...args), ms)
  }
}
