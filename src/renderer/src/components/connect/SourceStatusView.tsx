import { friendlyMessage, sourceReasonText } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'
import { formatMs } from '../../lib/format'
import { useApp } from '../../store/hooks'

/** Where the session stands: source state, the reason in plain words, reconnects, data freshness. */
export function SourceStatusView() {
  const t = useT()
  const session = useApp((s) => s.session)
  const source = useApp((s) => s.status?.source)
  const reason = source ? sourceReasonText(source.reason, source.detail, t) : undefined
  return (
    <div className="source-status" data-testid="source-status">
      {session.source ? (
        <p className="muted small">{t('connect.current', { source: session.source })}</p>
      ) : null}
      {session.error ? (
        <p className="error-line" role="alert" data-testid="session-error">
          {friendlyMessage(session.error, t)}
          {friendlyMessage(session.error, t) !== session.error ? (
            <span className="raw">{session.error}</span>
          ) : null}
        </p>
      ) : null}
      {source ? (
        <>
          <div className="status-line">
            <span className={`pill source-${source.state}`} data-testid="source-state">
              {t(`source.${source.state}`)}
            </span>
            {source.roomTitle ? (
              <span className="ellipsis">{t('source.room', { title: source.roomTitle })}</span>
            ) : null}
          </div>
          {reason ? (
            <p
              className={source.state === 'failed' ? 'error-line' : 'reason'}
              data-testid="source-reason"
            >
              {reason}
              {source.detail && source.detail !== reason ? (
                <span className="raw">{source.detail}</span>
              ) : null}
            </p>
          ) : null}
          {source.error ? <p className="error-line">{friendlyMessage(source.error, t)}</p> : null}
          <dl className="facts">
            {source.anchor ? <dd>{t('source.anchor', { name: source.anchor })}</dd> : null}
            <dd>{t('source.reconnects', { n: source.reconnects })}</dd>
            <dd data-testid="last-frame">
              {source.lastFrameAgeMs === undefined
                ? t('source.noFrame')
                : t('source.lastFrame', { age: formatMs(source.lastFrameAgeMs, t) })}
            </dd>
          </dl>
        </>
      ) : null}
    </div>
  )
}
