import { useState } from 'react'
import { useT } from '../../i18n/i18n'
import type { OverlayOptions } from '../../overlay/overlay-options'
import { OverlayView } from '../../overlay/OverlayView'
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

const DEFAULTS: OverlayOptions = { size: 48, align: 'left', next: true }

/** The link with the options that differ from the overlay's defaults. */
function withOptions(url: string, o: OverlayOptions): string {
  const extra = [
    o.size !== DEFAULTS.size ? `size=${o.size}` : '',
    o.align !== DEFAULTS.align ? `align=${o.align}` : '',
    o.next ? '' : 'next=0'
  ].filter(Boolean)
  return extra.length > 0 ? `${url}&${extra.join('&')}` : url
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
  const [options, setOptions] = useState<OverlayOptions>(DEFAULTS)
  const now = useApp((s) => s.status?.nowPlaying)
  const next = useApp((s) => s.status?.upNext[0])
  if (!link) return <p className="hint">{t('obs.none')}</p>
  const url = withOptions(link.url, options)
  return (
    <div className="obs-link" data-testid="obs-link">
      <p className="hint">{t('obs.howto')}</p>
      <div className="input-with-button">
        <input
          readOnly
          value={url}
          aria-label={t('s.obs')}
          data-testid="obs-url"
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="primary"
          data-testid="obs-copy"
          onClick={() => void copy(url).then((ok) => setCopied(ok ? 'yes' : 'no'))}
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
      <div className="obs-option-row">
        <label className="field">
          <span>{t('obs.size')}</span>
          <input
            type="number"
            min={16}
            max={160}
            step={4}
            value={options.size}
            data-testid="obs-size"
            onChange={(e) => {
              const size = Number(e.target.value)
              if (size >= 16 && size <= 160) setOptions({ ...options, size })
            }}
          />
        </label>
        <label className="field">
          <span>{t('obs.align')}</span>
          <select
            value={options.align}
            data-testid="obs-align"
            onChange={(e) =>
              setOptions({ ...options, align: e.target.value as OverlayOptions['align'] })
            }
          >
            <option value="left">{t('obs.align.left')}</option>
            <option value="center">{t('obs.align.center')}</option>
            <option value="right">{t('obs.align.right')}</option>
          </select>
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={options.next}
            data-testid="obs-next"
            onChange={(e) => setOptions({ ...options, next: e.target.checked })}
          />
          <span>{t('obs.next')}</span>
        </label>
      </div>
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
        <div className="obs-preview" data-testid="obs-preview" aria-label={t('obs.preview')}>
          <OverlayView
            testId="overlay-preview"
            live
            options={options}
            state={{
              ...(now ? { now: { text: now.text, type: now.type } } : {}),
              ...(next ? { next: { text: next.text, type: next.type } } : {})
            }}
          />
        </div>
      ) : null}
      <ErrorLine error={error} />
    </div>
  )
}
