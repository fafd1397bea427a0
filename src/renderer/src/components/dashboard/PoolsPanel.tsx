import type { PoolStatus } from '../../../../shared/status'
import { resizeReasonText } from '../../i18n/describe'
import { useT, type MessageKey } from '../../i18n/i18n'
import { formatClock } from '../../lib/format'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'

function poolName(name: string, t: ReturnType<typeof useT>): string {
  const key = `pool.${name}` as MessageKey
  return name === 'processing' || name === 'tts' ? t(key) : name
}

/** One pool: its size inside its min–max range as a bar, live counters, and its last resizes with reasons. */
function PoolRow({ pool }: { pool: PoolStatus }) {
  const t = useT()
  const slots = Array.from({ length: pool.max }, (_, i) => i)
  return (
    <div className="pool" data-testid={`pool-${pool.name}`}>
      <div className="pool-head">
        <strong>{poolName(pool.name, t)}</strong>
        <span className="pool-size">
          {t('pool.size')} <b data-testid={`pool-${pool.name}-size`}>{pool.size}</b> ·{' '}
          {t('pool.range')}{' '}
          <b data-testid={`pool-${pool.name}-range`}>
            {pool.min}–<span data-testid={`pool-${pool.name}-max`}>{pool.max}</span>
          </b>
        </span>
      </div>
      <div className="slots" aria-hidden="true">
        {slots.map((i) => (
          <span
            key={i}
            className={
              i < pool.active
                ? 'slot busy'
                : i < pool.size
                  ? 'slot on'
                  : i < pool.min
                    ? 'slot'
                    : 'slot spare'
            }
          />
        ))}
      </div>
      <ul className="facts">
        {pool.threads !== undefined ? <li>{`${t('pool.threads')} ${pool.threads}`}</li> : null}
        <li>{`${t('pool.active')} ${pool.active}`}</li>
        <li>{`${t('pool.backlog')} ${pool.backlog}`}</li>
      </ul>
      <p className="small muted">{t('pool.resizes', { n: pool.totalResizes })}</p>
      {pool.resizes.length === 0 ? (
        <p className="small muted">{t('pool.noResizes')}</p>
      ) : (
        <ul className="resizes">
          {pool.resizes
            .slice(-4)
            .reverse()
            .map((r) => (
              <li key={`${r.at}-${r.to}`}>
                <span className="mono">{formatClock(r.at)}</span>
                <span className={r.to > r.from ? 'grow' : 'shrink'}>
                  {r.from}→{r.to} {r.to > r.from ? t('pool.grow') : t('pool.shrink')}
                </span>
                <span className="reason">{resizeReasonText(r.reason, t)}</span>
              </li>
            ))}
        </ul>
      )}
    </div>
  )
}

/** The processing and TTS pools as the DynamicThreadPool sizes them. */
export function PoolsPanel() {
  const t = useT()
  const pools = useApp((s) => s.status?.pools)
  return (
    <Card title={t('dash.pools')} testId="pools">
      {!pools || pools.length === 0 ? (
        <p className="hint">–</p>
      ) : (
        pools.map((pool) => <PoolRow key={pool.name} pool={pool} />)
      )}
    </Card>
  )
}
