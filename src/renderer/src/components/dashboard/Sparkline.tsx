/**
 * A tiny line of recent values (no axes): the trend next to a number. It stretches to its box;
 * the stroke keeps its width however the box is scaled.
 */
export function Sparkline({
  values,
  height = 24,
  className
}: {
  values: readonly number[]
  height?: number
  className?: string
}) {
  const width = 100
  if (values.length < 2) return <svg className={className} height={height} aria-hidden="true" />
  const max = Math.max(...values, 1)
  const step = width / (values.length - 1)
  const d = values
    .map(
      (v, i) =>
        `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(2)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`
    )
    .join('')
  return (
    <svg
      className={className}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  )
}
