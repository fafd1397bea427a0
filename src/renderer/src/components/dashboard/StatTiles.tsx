import type { ReactNode } from 'react'
import { useLang, useT } from '../../i18n/i18n'
import { formatCount, formatPercent, formatRate, formatSecondsPair } from '../../lib/format'
import { cacheHitRate } from '../../store/derived'
import { useApp, useAppShallow } from '../../store/hooks'
import { Sparkline } from './Sparkline'

function Tile({
  label,
  value,
  extra,
  testId
}: {
  label: string
  value: ReactNode
  extra?: ReactNode
  testId: string
}) {
  return (
    <div className="tile" data-testid={testId}>
      <span className="tile-label">{label}</span>
      <span className="tile-value" data-testid={`${testId}-value`}>
        {value}
      </span>
      {extra}
    </div>
  )
}

/** The headline numbers: rates (with their last two minutes), totals, waiting lines, latency, cache. */
export function StatTiles() {
  const t = useT()
  const lang = useLang()
  const status = useApp((s) => s.status)
  const eventsIn = useAppShallow((s) => s.rates.slice(-120).map((r) => r.eventsIn))
  const spoken = useAppShallow((s) => s.rates.slice(-120).map((r) => r.spoken))
  const latency = status?.latency.all
  return (
    <div className="tiles">
      <Tile
        testId="rate-in"
        label={t('dash.eventsIn')}
        value={formatRate(status?.rates.eventsIn)}
        extra={<Sparkline className="spark in" values={eventsIn} />}
      />
      <Tile
        testId="rate-spoken"
        label={t('dash.spokenRate')}
        value={formatRate(status?.rates.spoken)}
        extra={<Sparkline className="spark out" values={spoken} />}
      />
      <Tile
        testId="received"
        label={t('dash.received')}
        value={formatCount(status?.counts.received, lang)}
      />
      <Tile
        testId="spoken"
        label={t('dash.spoken')}
        value={formatCount(status?.counts.spoken, lang)}
      />
      <Tile
        testId="dropped"
        label={t('dash.dropped')}
        value={formatCount(status?.counts.dropped, lang)}
      />
      <Tile
        testId="waiting"
        label={t('dash.waiting')}
        value={
          status
            ? `${formatCount(status.queues.text.length, lang)} / ${formatCount(status.queues.text.capacity, lang)}`
            : '–'
        }
      />
      <Tile
        testId="latency"
        label={t('dash.latency')}
        value={formatSecondsPair(latency?.p50, latency?.p95, t)}
      />
      <Tile
        testId="cache-hit"
        label={t('dash.cacheHit')}
        value={formatPercent(status ? cacheHitRate(status.cache) : undefined)}
      />
    </div>
  )
}
