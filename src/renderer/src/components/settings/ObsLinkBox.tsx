import { useState } from 'react'
import { useT } from '../../i18n/i18n'
import { resetOverlayToken } from '../../store/actions'
import { useApp } from '../../store/hooks'
import { ErrorLine } from '../common/ErrorLine'

/** Copies `text` to the clipboard; false where the browser refuses (no permission, http page). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/**
 * The OBS browser-source link: shown, copied in one click, previewed, documented, and reset when
 * it has leaked. The link only reads the overlay feed; it cannot control DanmuVoice.
 */
export function ObsLinkBox() {
  const t = useT()
  const link = useApp((s) => s.obsLink)
  const error = useApp((s) => s.errors.obs)
  const busy = useApp((s) => s.busy.obs === true)
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>()
  const [preview, setPreview] = useState(false)
  if (!link) return <p className="hint">{t('obs.none')}</p>
  return (
    <div className="obs-link" data-testid="obs-link">
      <p className="hint">{t('obs.howto')}</p>
      <div className="input-with-button">
        <input
          readOnly
          value={link.url}
          aria-label={t('s.obs')}
          data-testid="obs-url"
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="primary"
          data-testid="obs-copy"
          onClick={() => void copy(link.url).then((ok) => setCopied(ok ? 'yes' : 'no'))}
        >
          {t('obs.copy')}
        </button>
      </div>
      {copied ? (
        <p
          className={copied === 'yes' ? 'hint' : 'error-line'}
          role="status"
          data-testid="obs-copied"
        >
          {copied === 'yes' ? t('obs.copied') : t('obs.copyFailed')}
        </p>
      ) : null}
      <p className="hint small" data-testid="obs-port">
        {link.configuredPort !== undefined && link.configuredPort !== link.port
          ? t('obs.portFallback', { port: link.configuredPort, used: link.port })
          : t('obs.portNow', { port: link.port })}
      </p>
      <p className="hint small">{t('obs.options')}</p>
      <ul className="obs-options small">
        <li>
          <code>{t('obs.opt.size')}</code>
        </li>
        <li>
          <code>{t('obs.opt.align')}</code>
        </li>
        <li>
          <code>{t('obs.opt.next')}</code>
        </li>
      </ul>
      <div className="button-row wrap">
        <button
          type="button"
          data-testid="obs-preview-toggle"
          aria-expanded={preview}
          onClick={() => setPreview(!preview)}
        >
          {t('obs.preview')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="obs-reset"
          disabled={busy}
          onClick={() => window.confirm(t('obs.resetConfirm')) && void resetOverlayToken()}
        >
          {t('obs.reset')}
        </button>
      </div>
      {preview ? (
        <iframe
          className="obs-preview"
          title={t('obs.preview')}
          src={link.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}
          data-testid="obs-preview"
        />
      ) : null}
      <ErrorLine error={error} />
    </div>
  )
}
