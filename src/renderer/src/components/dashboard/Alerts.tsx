import { useT, type MessageKey } from '../../i18n/i18n'
import { useApp } from '../../store/hooks'

/**
 * Automatic load shedding and audio device trouble: the things a streamer must notice. (How late
 * each type is thanked is the acknowledgement panel's job.)
 */
export function Alerts() {
  const t = useT()
  const status = useApp((s) => s.status)
  const shedding = status?.shedding
  const player = status?.player
  const audioProblem = player && (player.lastError || player.state === 'down')
  return (
    <>
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
