import type { ReactNode } from 'react'
import { useT } from '../../i18n/i18n'
import { GROUPS } from '../../settings-form/field-registry'
import type { EditorId, SectionSpec } from '../../settings-form/field-specs'
import { SettingsFormContext, useSettingsForm } from '../../settings-form/use-settings-form'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'
import { ErrorLine } from '../common/ErrorLine'
import {
  EventQueuesEditor,
  EventTemplatesEditor,
  GiftTiersEditor,
  PlanTypesEditor,
  PresetsEditor,
  WordingPresetsEditor
} from './content-editors'
import { ObsLinkBox } from './ObsLinkBox'
import { RoomsEditor } from './RoomsEditor'
import { SpecField } from './SpecField'
import { TypeVoicesEditor, UsersEditor, VoicePicker } from './voice-editors'
import { POOL_CEILING } from '../../../../shared/settings'

const EDITORS: Record<EditorId, () => ReactNode> = {
  presets: () => <PresetsEditor />,
  events: () => <EventTemplatesEditor />,
  giftTiers: () => <GiftTiersEditor />,
  voicePicker: () => <VoicePicker />,
  typeVoices: () => <TypeVoicesEditor />,
  users: () => <UsersEditor />,
  obsLink: () => <ObsLinkBox />,
  eventQueues: () => <EventQueuesEditor />,
  planTypes: () => <PlanTypesEditor />,
  wordingPresets: () => <WordingPresetsEditor />,
  rooms: () => <RoomsEditor />
}

function Section({ section }: { section: SectionSpec }) {
  const t = useT()
  return (
    <Card
      title={t(section.title)}
      level={3}
      id={`section-${section.id}`}
      testId={`settings-${section.id}`}
      className={section.wide ? 'span-all' : undefined}
    >
      {section.hint ? <p className="hint">{t(section.hint, { ceiling: POOL_CEILING })}</p> : null}
      {section.editor && !section.fieldsFirst ? EDITORS[section.editor]() : null}
      {section.fields && section.fields.length > 0 ? (
        <div className="field-grid">
          {section.fields.map((f) => (
            <SpecField key={f.path.join('.')} spec={f} />
          ))}
        </div>
      ) : null}
      {section.editor && section.fieldsFirst ? EDITORS[section.editor]() : null}
    </Card>
  )
}

/** Every setting, grouped the way a streamer thinks, validated as typed, applied live with one click. */
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
        aria-label={t('app.tab.settings')}
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
              onClick={() => form.discard()}
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
        <div className="settings-layout">
          <nav className="settings-nav" aria-label={t('g.nav')}>
            <ul>
              {GROUPS.map((g) => (
                <li key={g.id}>
                  <a
                    href={`#group-${g.id}`}
                    data-testid={`group-link-${g.id}`}
                    onClick={(e) => {
                      e.preventDefault()
                      document.getElementById(`group-${g.id}`)?.scrollIntoView({ block: 'start' })
                    }}
                  >
                    {t(g.title)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="settings-groups">
            {GROUPS.map((g) => (
              <section
                key={g.id}
                id={`group-${g.id}`}
                className="settings-group"
                data-testid={`group-${g.id}`}
                aria-labelledby={`group-${g.id}-title`}
              >
                <h2 id={`group-${g.id}-title`} className="group-title">
                  {t(g.title)}
                </h2>
                <div className="settings-grid">
                  {g.sections.map((s) => (
                    <Section key={s.id} section={s} />
                  ))}
                </div>
              </section>
            ))}
          </div>
        </div>
      </form>
    </SettingsFormContext.Provider>
  )
}
