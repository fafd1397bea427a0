import { useT } from '../../i18n/i18n'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'
import { TypeBadge } from '../common/TypeBadge'

/** The line being spoken and the next few, in the order they will be spoken. */
export function NowPlaying() {
  const t = useT()
  const now = useApp((s) => s.status?.nowPlaying)
  const next = useApp((s) => s.status?.upNext)
  return (
    <Card title={t('dash.now')} testId="now-playing">
      <p className="now-line" data-testid="now-text">
        {now ? (
          <>
            <TypeBadge type={now.type} system={now.system} />
            <span>{now.text}</span>
          </>
        ) : (
          <span className="muted">{t('dash.idle')}</span>
        )}
      </p>
      <h3>{t('dash.next')}</h3>
      {next && next.length > 0 ? (
        <ol className="up-next" data-testid="up-next">
          {next.map((line, i) => (
            <li key={`${i}-${line.text}`}>
              <TypeBadge type={line.type} system={line.system} />
              <span className="ellipsis" title={line.text}>
                {line.text}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">{t('dash.idle')}</p>
      )}
    </Card>
  )
}
