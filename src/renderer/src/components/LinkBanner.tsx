import { useT } from '../i18n/i18n'
import { useApp } from '../store/hooks'

/** Says so, prominently, while the page has no link to DanmuVoice (browser mode only). */
export function LinkBanner() {
  const t = useT()
  const link = useApp((s) => s.link)
  if (link === 'open') return null
  if (link === 'connecting') {
    return (
      <div className="banner banner-info" data-testid="link-banner" role="status">
        {t('link.connecting')}
      </div>
    )
  }
  return (
    <div className="banner banner-error" data-testid="link-banner" role="alert">
      <strong>{t('link.down')}</strong>
      <span>{t('link.downHint')}</span>
    </div>
  )
}
