import { useState } from 'react'
import { dropReasonName } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'
import { formatClock } from '../../lib/format'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'
import { TypeBadge } from '../common/TypeBadge'

/** Recent events from the room, or the speech log (spoken and dropped lines), newest first. */
export function FeedPanel() {
  const t = useT()
  const [view, setView] = useState<'events' | 'speech'>('events')
  const feed = useApp((s) => s.feed)
  const speech = useApp((s) => s.speech)
  const tabs = (
    <div className="segmented small">
      <button
        className={view === 'events' ? 'seg active' : 'seg'}
        onClick={() => setView('events')}
        data-testid="feed-events"
      >
        {t('dash.feed')}
      </button>
      <button
        className={view === 'speech' ? 'seg active' : 'seg'}
        onClick={() => setView('speech')}
        data-testid="feed-speech"
      >
        {t('dash.speechLog')}
      </button>
    </div>
  )
  return (
    <Card
      title={view === 'events' ? t('dash.feed') : t('dash.speechLog')}
      actions={tabs}
      testId="feed"
      className="feed-card"
    >
      {view === 'events' ? (
        feed.length === 0 ? (
          <p className="hint">{t('dash.feedEmpty')}</p>
        ) : (
          <ul
            className="feed"
            data-testid="feed-list"
            data-count={feed.length}
            tabIndex={0}
            aria-label={t('dash.feed')}
          >
            {[...feed].reverse().map((item) => (
              <li key={item.seq}>
                <span className="mono muted">{formatClock(item.at)}</span>
                <TypeBadge type={item.type} />
                {item.user ? <span className="user ellipsis">{item.user}</span> : null}
                <span className="text ellipsis" title={item.text}>
                  {item.text}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : speech.length === 0 ? (
        <p className="hint">{t('dash.feedEmpty')}</p>
      ) : (
        <ul
          className="feed"
          data-testid="speech-list"
          tabIndex={0}
          aria-label={t('dash.speechLog')}
        >
          {[...speech].reverse().map((line) => (
            <li key={line.seq} className={line.dropped ? 'dropped' : undefined}>
              <span className="mono muted">{formatClock(line.at)}</span>
              <TypeBadge type={line.type} system={line.system} />
              <span className="text ellipsis" title={line.text}>
                {line.text}
              </span>
              {line.events ? (
                <span className="merged-tag" data-testid="merged-tag">
                  {t('feed.merged', { n: line.events })}
                </span>
              ) : null}
              {line.dropped ? (
                <span className="drop-tag">{dropReasonName(line.dropped, t)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
