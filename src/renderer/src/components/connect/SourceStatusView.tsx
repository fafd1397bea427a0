import { sessionErrorText, sourceReasonText, codeText } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'
import { formatMs } from '../../lib/format'
import { useApp } from '../../store/hooks'

/** Where the session stands: source state, the reason in plain words, reconnects, data freshness. */
export function SourceStatusView() {
  const t = useT()
  const session = useApp((s) => s.session)
  const source = useApp((s) => s.status?.source)
  const reason = source ? sourceReasonText(source.reason, source.errno, t) : {}
  const sessionError = sessionErrorText(session, t)
  return (
    <div className="source-status" data-testid="source-status">
      {session.source ? (
        <p className="muted small ellipsis">{t('connect.current', { source: session.source })}</p>
      ) : null}
      {sessionError ? (
        <p
          className="error-line"
          role="alert"
          data-testid="session-error"
          data-code={session.errorCode}
        >
          {sessionError}
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
          {reason.text ? (
            <p
              className={source.state === 'failed' ? 'error-line' : 'reason'}
              data-testid="source-reason"
              data-reason={source.reason}
            >
              {reason.text}
              {reason.cause ? (
                <span className="cause" data-testid="source-cause">
                  {reason.cause}
                </span>
              ) : null}
            </p>
          ) : null}
          {source.errorCode ? (
            <p className="error-line" data-code={source.errorCode}>
              {codeText(source.errorCode, undefined, t)}
            </p>
          ) : null}
          <ul className="facts">
            {source.anchor ? <li>{t('source.anchor', { name: source.anchor })}</li> : null}
            <li data-testid="reconnects">{t('source.reconnects', { n: source.reconnects })}</li>
            <li data-testid="last-frame">
              {source.lastFrameAgeMs === undefined
                ? t('source.noFrame')
                : t('source.lastFrame', { age: formatMs(source.lastFrameAgeMs, t) })}
            </li>
          </ul>
        </>
      ) : null}
    </div>
  )
}
