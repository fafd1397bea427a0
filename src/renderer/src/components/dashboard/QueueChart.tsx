import { eventTypeName } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'
import { buildTypeSeries, chartWindow, niceMax, seriesPath } from '../../lib/chart'
import { MESSAGE_COLOUR, TYPE_COLOURS } from '../../lib/type-colours'
import type { EventType } from '../../../../shared/events'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'
import { useWidth } from '../common/use-width'

const HEIGHT = 140
const TOP = 10
const AXIS = 30
const LANE_COLOUR = '#e0e0e0'

/** Where the time labels go (as shares of the window): whole minutes, or quarter minutes. */
function ticks(windowMs: number): number[] {
  const n = windowMs > 60_000 ? 5 : 4
  return Array.from({ length: n + 1 }, (_, i) => (n - i) / n)
}

/** Lines waiting per lane (and events in the message queue) over the last minutes, live. */
export function QueueChart() {
  const t = useT()
  const history = useApp((s) => s.history)
  const [ref, width] = useWidth<HTMLDivElement>()
  const windowMs = chartWindow(history)
  const series = buildTypeSeries(history, windowMs)
  const end = history[history.length - 1]?.at ?? 0
  const yMax = niceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.value))))
  const plotW = Math.max(50, width - AXIS - 4)
  const frame = { width: plotW, height: HEIGHT, end, windowMs, yMax }
  const ago = (ms: number) =>
    ms === 0
      ? t('chart.now')
      : windowMs > 60_000
        ? t('chart.ago', { n: Math.round(ms / 60_000) })
        : t('chart.agoSec', { n: Math.round(ms / 1000) })
  // A type's colour is its own, never its position among the series (which changes as lanes appear).
  const colour = (key: number | string) =>
    key === 'message'
      ? MESSAGE_COLOUR
      : typeof key === 'string'
        ? (TYPE_COLOURS[key as EventType | 'system'] ?? LANE_COLOUR)
        : LANE_COLOUR
  const label = (key: number | string) => {
    if (key === 'message') return t('chart.message')
    if (key === 'system') return t('chart.system')
    if (typeof key === 'string') return eventTypeName(key as EventType, t)
    return t('chart.lane', { p: key })
  }
  const title = t('dash.queueChart', {
    window: windowMs > 60_000 ? t('unit.min', { n: 5 }) : t('unit.min', { n: 1 })
  })
  return (
    <Card title={title} testId="queue-chart">
      <div ref={ref} className="chart-box">
        {series.length === 0 ? (
          <p className="hint chart-empty">{t('chart.empty')}</p>
        ) : (
          <svg
            width={width}
            height={TOP + HEIGHT + 20}
            role="img"
            aria-label={title}
            data-points={series[0]!.points.length}
          >
            <g transform={`translate(${AXIS},${TOP})`}>
              {[0, 0.5, 1].map((f) => (
                <g key={f}>
                  <line
                    className="grid"
                    x1={0}
                    x2={plotW}
                    y1={HEIGHT * (1 - f)}
                    y2={HEIGHT * (1 - f)}
                  />
                  <text className="axis" x={-6} y={HEIGHT * (1 - f) + 4} textAnchor="end">
                    {Number((yMax * f).toFixed(1))}
                  </text>
                </g>
              ))}
              {ticks(windowMs).map((f) => (
                <text
                  key={f}
                  className="axis"
                  x={plotW * (1 - f)}
                  y={HEIGHT + 16}
                  textAnchor={f === 0 ? 'end' : f === 1 ? 'start' : 'middle'}
                >
                  {ago(windowMs * f)}
                </text>
              ))}
              {series.map((s) => (
                <path
                  key={String(s.key)}
                  data-series={String(s.key)}
                  d={seriesPath(s.points, frame)}
                  fill="none"
                  stroke={colour(s.key)}
                  strokeWidth={2}
                  strokeLinejoin="round"
                  strokeDasharray={s.key === 'message' ? '4 3' : undefined}
                />
              ))}
            </g>
          </svg>
        )}
      </div>
      <ul className="legend" data-testid="chart-legend">
        {series.map((s) => (
          <li key={String(s.key)} data-series={String(s.key)}>
            <span className="swatch" style={{ background: colour(s.key) }} />
            {label(s.key)}
            <b>{s.points[s.points.length - 1]?.value ?? 0}</b>
          </li>
        ))}
      </ul>
    </Card>
  )
}
