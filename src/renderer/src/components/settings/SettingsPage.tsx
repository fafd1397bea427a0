import { useT } from '../../i18n/i18n'
import { SettingsFormContext, useSettingsForm } from '../../settings-form/use-settings-form'
import { useApp } from '../../store/hooks'
import { ErrorLine } from '../common/ErrorLine'
import { EventsSection, FilterSection, PoolsSection, QueuesSection, VoiceSection } from './sections'

/** Every setting, validated as typed, applied live with one click (no restart). */
export function SettingsPage() {
  const t = useT()
  const form = useSettingsForm()
  const file = useApp((s) => s.settingsFile)
  const linkOpen = useApp((s) => s.link === 'open')
  if (!form.draft) return <p className="hint">{t('link.connecting')}</p>
  return (
    <SettingsFormContext.Provider value={form}>
      <form
        className="settings"
        data-testid="settings"
        // The shared schema validates (and explains, in the UI language); native checks would block silently.
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void form.apply()
        }}
      >
        <div className="settings-bar">
          <div className="settings-state" aria-live="polite">
            {form.errorCount > 0 ? (
              <span className="pill error" data-testid="settings-invalid">
                {t('settings.invalid', { n: form.errorCount })}
              </span>
            ) : form.dirty ? (
              <span className="pill warn">{t('settings.dirty')}</span>
            ) : form.applied ? (
              <span className="pill ok" data-testid="settings-applied">
                {t('settings.applied')}
              </span>
            ) : null}
            <span className="muted small ellipsis">
              {file ? t('settings.file', { file }) : t('settings.memory')}
            </span>
          </div>
          <div className="button-row">
            <button
              type="button"
              className="ghost"
              data-testid="settings-reset"
              disabled={form.busy || !linkOpen}
              onClick={() => window.confirm(t('settings.resetConfirm')) && void form.reset()}
            >
              {t('settings.reset')}
            </button>
            <button
              type="button"
              data-testid="settings-discard"
              disabled={!form.dirty || form.busy}
              onClick={form.discard}
            >
              {t('settings.discard')}
            </button>
            <button
              type="submit"
              className="primary"
              data-testid="settings-apply"
              disabled={!form.dirty || form.errorCount > 0 || form.busy || !linkOpen}
            >
              {t('settings.apply')}
            </button>
          </div>
        </div>
        <ErrorLine error={form.error} testId="settings-error" />
        <div className="settings-grid">
          <PoolsSection />
          <VoiceSection />
          <QueuesSection />
          <FilterSection />
          <EventsSection />
        </div>
      </form>
    </SettingsFormContext.Provider>
  )
}
