import { useT, type MessageKey } from '../../i18n/i18n'
import { backlog } from '../../store/derived'
import { useApp } from '../../store/hooks'

/** The backlog warning, automatic load shedding, and audio device trouble: the things a streamer must notice. */
export function Alerts() {
  const t = useT()
  const status = useApp((s) => s.status)
  const b = backlog(status)
  const shedding = status?.shedding
  const player = status?.player
  const audioProblem = player && (player.lastError || player.state === 'down')
  return (
    <>
      {b ? (
        <div
          className={`banner ${b.level === 'alert' ? 'banner-error' : 'banner-warn'}`}
          role="alert"
          data-testid="backlog-warning"
        >
          <div className="banner-text">
            <strong>{t('backlog.title', { lines: b.lines })}</strong>
            <span>
              {b.drainSec !== undefined ? t('backlog.drain', { sec: b.drainSec }) : null}
              {b.p95Ms !== undefined
                ? ` ${t('backlog.latency', { sec: (b.p95Ms / 1000).toFixed(1) })}`
                : null}
            </span>
            <span className="small">{t('backlog.hint')}</span>
          </div>
        </div>
      ) : null}
      {shedding && shedding.level > 0 && shedding.mode !== 'normal' ? (
        <div className="banner banner-warn" role="status" data-testid="shedding">
          {t('shed.title', { mode: t(`shed.${shedding.mode}` as MessageKey) })}
        </div>
      ) : null}
      {audioProblem ? (
        <div className="banner banner-error" role="alert" data-testid="audio-problem">
          <div className="banner-text">
            <strong>{t('audio.title')}</strong>
            <span className="clamp">{t('audio.down')}</span>
            <span className="small">{t('audio.hint')}</span>
          </div>
        </div>
      ) : null}
    </>
  )
}
