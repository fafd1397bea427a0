import { isMessageKey, useT } from '../../i18n/i18n'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'

/**
 * Which voice speaks and how it is doing: an online or system engine is healthy, failing at times
 * (the offline voice fills in), or paused with its circuit open (the offline voice speaks until it
 * is tried again). An offline engine is always simply the offline voice.
 */
export function EngineHealth() {
  const t = useT()
  const tts = useApp((s) => s.status?.tts)
  if (!tts?.engine)
    return (
      <Card title={t('dash.engineHealth')} testId="engine-health">
        <p className="hint">–</p>
      </Card>
    )
  const nameKey = `engine.${tts.engine}`
  const name = isMessageKey(nameKey) ? t(nameKey) : tts.engine
  const r = tts.resilience
  const health = r ? r.health : 'healthy'
  const fallbacks = (r?.counts as { fallbackSpoken?: number } | undefined)?.fallbackSpoken ?? 0
  return (
    <Card title={t('dash.engineHealth')} testId="engine-health">
      <div className="health" data-health={r ? health : 'offline'}>
        <span className="ellipsis" data-testid="engine-name">
          {name}
        </span>
        <span className={`pill health-${health}`} data-testid="engine-state">
          {r ? t(`health.${health}`) : t('health.offline')}
        </span>
      </div>
      {r && fallbacks > 0 ? (
        <p className="small muted">{t('health.fallbackCount', { n: fallbacks })}</p>
      ) : null}
      {r && health === 'open' && r.cooldownRemainingMs > 0 ? (
        <p className="small muted">
          {t('health.retryIn', { sec: Math.ceil(r.cooldownRemainingMs / 1000) })}
        </p>
      ) : null}
    </Card>
  )
}
