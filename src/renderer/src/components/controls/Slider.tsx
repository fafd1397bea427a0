import { useEffect, useState } from 'react'
import { useDebounced } from './use-debounced'

/** Props of Slider. */
export interface SliderProps {
  label: string
  value: number
  min: number
  max: number
  step: number
  disabled?: boolean
  /** How the value reads next to the label. */
  show: (value: number) => string
  /** Called once the user pauses (debounced). */
  onCommit: (value: number) => void
  testId?: string
}

/** A labelled range input that follows the app's value until the user drags it. */
export function Slider({
  label,
  value,
  min,
  max,
  step,
  disabled,
  show,
  onCommit,
  testId
}: SliderProps) {
  const [local, setLocal] = useState(value)
  // The value sent and not yet reflected back by the app; the slider holds it so it does not jump back.
  const [pending, setPending] = useState<number | null>(null)
  const commit = useDebounced((v: number) => {
    onCommit(v)
    // Give up waiting if the app never reflects it (the command failed): show the app's value again.
    setTimeout(() => setPending((p) => (p === v ? null : p)), 2000)
  }, 250)
  useEffect(() => {
    if (pending === null || value === pending) {
      setLocal(value)
      setPending(null)
    }
  }, [value, pending])
  return (
    <label className="slider">
      <span className="slider-label">
        {label}
        <output aria-hidden="true">{show(local)}</output>
      </span>
      <input
        type="range"
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        value={local}
        aria-valuetext={show(local)}
        disabled={disabled}
        onChange={(e) => {
          const v = Number(e.target.value)
          setLocal(v)
          setPending(v)
          commit(v)
        }}
      />
    </label>
  )
}
