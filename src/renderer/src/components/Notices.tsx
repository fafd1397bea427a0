import { noticeText } from '../i18n/describe'
import { useT } from '../i18n/i18n'
import { formatClock } from '../lib/format'
import { dismissNotice } from '../store/actions'
import { groupNotices } from '../store/derived'
import { useAppShallow } from '../store/hooks'

/** Notices from the main process (recovered settings, audio device, failed source) until dismissed. */
export function Notices() {
  const t = useT()
  const notices = useAppShallow((s) => s.notices)
  const dismissed = useAppShallow((s) => s.dismissed)
  const groups = groupNotices(notices, dismissed)
  if (groups.length === 0) return null
  return (
    <div className="notices" data-testid="notices">
      {groups.slice(0, 3).map(({ latest, keys }) => {
        const { title, body } = noticeText(latest, t)
        return (
          <div
            key={latest.code}
            className={`banner banner-${latest.level === 'info' ? 'info' : latest.level === 'warn' ? 'warn' : 'error'}`}
            role={latest.level === 'error' ? 'alert' : 'status'}
            data-code={latest.code}
          >
            <div className="banner-text">
              <strong>
                {title}
                {keys.length > 1 ? <span className="count"> ×{keys.length}</span> : null}
              </strong>
              <span className="raw clamp">
                {formatClock(latest.at)}
                {body ? ` · ${body}` : null}
              </span>
            </div>
            <button className="ghost small" onClick={() => keys.forEach(dismissNotice)}>
              {t('notice.dismiss')}
            </button>
          </div>
        )
      })}
    </div>
  )
}
