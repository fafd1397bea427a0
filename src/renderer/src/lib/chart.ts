import type { QueueSample } from '../../../shared/ipc/contract'

/** Pure geometry for the queue chart: series from samples, a readable y scale, SVG paths. */

export interface Series {
  /** Lane priority, an event type (or `system`), or 'message' for the message queue. */
  key: number | string
  points: { at: number; value: number }[]
}

/** A round upper bound (1, 2, 5 × 10ⁿ) at or above `value`, never below `floor`. */
export function niceMax(value: number, floor = 5): number {
  const v = Math.max(value, floor)
  const magnitude = 10 ** Math.floor(Math.log10(v))
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= v) return step * magnitude
  return 10 * magnitude
}

/**
 * One series per lane seen in the window (highest priority first), then the message queue.
 * A lane missing from a sample was empty then.
 */
export function buildSeries(history: readonly QueueSample[], windowMs: number): Series[] {
  const last = history[history.length - 1]
  if (!last) return []
  const from = last.at - windowMs
  const samples = history.filter((s) => s.at >= from)
  const priorities = [...new Set(samples.flatMap((s) => s.lanes.map((l) => l.priority)))].sort(
    (a, b) => b - a
  )
  const lanes: Series[] = priorities.map((p) => ({
    key: p,
    points: samples.map((s) => ({
      at: s.at,
      value: s.lanes.find((l) => l.priority === p)?.length ?? 0
    }))
  }))
  return [
    ...lanes,
    { key: 'message', points: samples.map((s) => ({ at: s.at, value: s.message })) }
  ]
}

/** Series keys in a fixed order, so a type keeps its place (and colour) as others appear. */
const TYPE_ORDER = [
  'system',
  'end',
  'gift',
  'follow',
  'fansclub',
  'share',
  'chat',
  'like',
  'member',
  'stats'
]

/**
 * One series per event type waiting in the window (the app's own lines as `system`), in a fixed
 * order, then the message queue. Samples without per-type counts (an older main process) fall
 * back to lanes.
 */
export function buildTypeSeries(history: readonly QueueSample[], windowMs: number): Series[] {
  const last = history[history.length - 1]
  if (!last) return []
  if (!last.types) return buildSeries(history, windowMs)
  const from = last.at - windowMs
  const samples = history.filter((s) => s.at >= from)
  const seen = new Set(samples.flatMap((s) => Object.keys(s.types ?? {})))
  const keys = TYPE_ORDER.filter((k) => seen.has(k))
  return [
    ...keys.map((key) => ({
      key,
      points: samples.map((s) => ({
        at: s.at,
        value: (s.types as Record<string, number> | undefined)?.[key] ?? 0
      }))
    })),
    { key: 'message', points: samples.map((s) => ({ at: s.at, value: s.message })) }
  ]
}

/** The chart's time span: a minute while there is little history (so early data is readable), then five. */
export function chartWindow(history: readonly QueueSample[]): number {
  const first = history[0]?.at
  const last = history[history.length - 1]?.at
  return first !== undefined && last !== undefined && last - first > 60_000 ? 5 * 60_000 : 60_000
}

/** The plot area and the time/value ranges it shows. */
export interface Frame {
  width: number
  height: number
  /** Time at the right edge. */
  end: number
  windowMs: number
  yMax: number
}

/** The SVG path of a series; a gap of more than `gapMs` between samples (no session) breaks the line. */
export function seriesPath(points: Series['points'], f: Frame, gapMs = 5000): string {
  let d = ''
  let prev: number | undefined
  for (const p of points) {
    const x = f.width - ((f.end - p.at) / f.windowMs) * f.width
    const y = f.height - (Math.min(p.value, f.yMax) / f.yMax) * f.height
    d += `${prev === undefined || p.at - prev > gapMs ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`
    prev = p.at
  }
  return d
}
