import { useT } from '../../i18n/i18n'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'

/** AI replies, when switched on: the endpoint's health and what the replies did. */
export function AiPanel() {
  const t = useT()
  const ai = useApp((s) => s.status?.ai)
  if (!ai?.enabled) return null
  return (
    <Card title={t('ai.title')} testId="ai-panel">
      {ai.configured ? (
        <div className="health" data-health={ai.health}>
          <span className={`pill health-${ai.health}`} data-testid="ai-state">
            {t(`ai.${ai.health}`)}
          </span>
          {ai.busy ? <span className="small muted">{t('ai.busy')}</span> : null}
        </div>
      ) : (
        <p className="hint">{t('ai.noEndpoint')}</p>
      )}
      <p className="small muted" data-testid="ai-counts">
        {t('ai.counts', ai.counts)}
      </p>
      {ai.lastError ? (
        <p className="small muted ellipsis" title={ai.lastError}>
          {t('ai.lastError', { what: ai.lastError })}
        </p>
      ) : null}
    </Card>
  )
}
