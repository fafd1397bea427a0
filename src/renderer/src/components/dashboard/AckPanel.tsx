import { useT } from '../../i18n/i18n'
import { ackRows } from '../../store/derived'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'
import { TypeBadge } from '../common/TypeBadge'

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 1 : 0)

/**
 * How quickly each kind of event is thanked: the lag p95 of the last minute against its target,
 * what waits, the lines the planner merged, and the adaptive rate. A type past its target shows in
 * amber, past 1.5× it in red: that is what the streamer needs to see, not a queue length.
 */
export function AckPanel() {
  const t = useT()
  const status = useApp((s) => s.status)
  const settings = useApp((s) => s.settings)
  const rows = ackRows(status, settings)
  const plan = status?.plan
  if (!plan) return null
  const boost =
    plan.rateBoost > 0 ? (
      <b className="boost" data-testid="rate-boost">
        {t('ack.boost', { percent: plan.rateBoost })}
      </b>
    ) : undefined
  return (
    <Card title={t('ack.title')} testId="ack-panel" actions={boost}>
      {!plan.enabled ? <p className="hint">{t('ack.planOff')}</p> : null}
      <table className="ack-table">
        <thead>
          <tr>
            <th scope="col">{t('ack.type')}</th>
            <th scope="col">{t('ack.lag')}</th>
            <th scope="col">{t('ack.waiting')}</th>
            <th scope="col">{t('ack.merges')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.type}
              data-testid={`ack-${row.type}`}
              data-lag={row.lagMs ?? ''}
              data-grade={row.grade ?? ''}
            >
              <th scope="row">
                <TypeBadge type={row.type} />
              </th>
              <td className={row.grade ? `ack-${row.grade}` : 'muted'}>
                {row.lagMs !== undefined
                  ? t('ack.lagValue', { sec: seconds(row.lagMs), target: seconds(row.targetMs) })
                  : t('ack.noData', { target: seconds(row.targetMs) })}
              </td>
              <td>{row.waiting}</td>
              <td>
                {row.merges > 0
                  ? t('ack.mergesValue', { lines: row.merges, events: row.mergedEvents })
                  : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  )
}
