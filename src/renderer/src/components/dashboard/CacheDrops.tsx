import type { DropReason } from '../../../../shared/speech'
import { dropReasonName } from '../../i18n/describe'
import { useLang, useT } from '../../i18n/i18n'
import { formatBytes, formatCount, formatPercent } from '../../lib/format'
import { cacheHitRate } from '../../store/derived'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'

/** Cache hit rate, entries and size against its limit. */
export function CachePanel() {
  const t = useT()
  const lang = useLang()
  const cache = useApp((s) => s.status?.cache)
  const engine = useApp((s) => s.status?.tts.description ?? s.status?.tts.engine)
  if (!cache)
    return (
      <Card title={t('dash.cache')} testId="cache">
        <p className="hint">–</p>
      </Card>
    )
  const fill = cache.maxBytes > 0 ? Math.min(1, cache.bytes / cache.maxBytes) : 0
  return (
    <Card
      title={t('dash.cache')}
      testId="cache"
      actions={<b className="big">{formatPercent(cacheHitRate(cache))}</b>}
    >
      <div className="meter" aria-hidden="true">
        <span style={{ width: `${fill * 100}%` }} />
      </div>
      <p className="small">
        {t('cache.entries', { n: formatCount(cache.entries, lang) })} · {formatBytes(cache.bytes)} /{' '}
        {formatBytes(cache.maxBytes)}
      </p>
      <p className="small muted">
        {t('cache.hits', { n: cache.hits })} · {t('cache.misses', { n: cache.misses })} ·{' '}
        {t('cache.coalesced', { n: cache.coalesced })}
      </p>
      {engine ? (
        <p className="small muted ellipsis" title={engine}>
          {t('dash.engine', { engine })}
        </p>
      ) : null}
    </Card>
  )
}

/** What was not spoken and why, most first. */
export function DropsPanel() {
  const t = useT()
  const lang = useLang()
  const drops = useApp((s) => s.status?.drops)
  const entries = (Object.entries(drops ?? {}) as [DropReason, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
  const max = entries[0]?.[1] ?? 1
  return (
    <Card title={t('dash.drops')} testId="drops">
      {entries.length === 0 ? (
        <p className="hint">{t('drops.none')}</p>
      ) : (
        <ul className="bars">
          {entries.map(([reason, n]) => (
            <li key={reason} data-reason={reason}>
              <span className="bar-label" title={reason}>
                {dropReasonName(reason, t)}
              </span>
              <span className="bar">
                <span style={{ width: `${(n / max) * 100}%` }} />
              </span>
              <b>{formatCount(n, lang)}</b>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
