import { useContext, useEffect, useState } from 'react'
import { EVENT_TYPES } from '../../../../shared/events'
import type { Settings, TtsEngineName } from '../../../../shared/settings'
import { commandErrorText, eventTypeName } from '../../i18n/describe'
import { isMessageKey, useT } from '../../i18n/i18n'
import { issueText } from '../../i18n/issues'
import type { Path } from '../../settings-form/draft'
import { ENGINE_OPTIONS } from '../../settings-form/voice-fields'
import { SettingsFormContext, useField } from '../../settings-form/use-settings-form'
import { listVoices, previewVoice } from '../../store/actions'
import { useApp } from '../../store/hooks'
import { ErrorLine } from '../common/ErrorLine'
import { NumberField, SelectField, TextField } from './fields'
import { SpecField } from './SpecField'

/** Where an engine's voice is chosen: its own voice setting, or the global one (espeak-ng). */
function voicePath(engine: TtsEngineName): Path {
  switch (engine) {
    case 'edge':
      return ['tts', 'engines', 'edge', 'voice']
    case 'openai':
      return ['tts', 'engines', 'openai', 'voice']
    case 'gpt-sovits':
      return ['tts', 'engines', 'gptSovits', 'refAudioPath']
    case 'sapi':
      return ['tts', 'engines', 'sapi', 'voice']
    case 'say':
      return ['tts', 'engines', 'say', 'voice']
    default:
      return ['tts', 'voice']
  }
}

const ONLINE: readonly TtsEngineName[] = ['edge', 'openai', 'gpt-sovits']

/** Engine, its voices, 试听 with the settings not yet applied, and the engine's own options. */
export function VoicePicker() {
  const t = useT()
  const form = useContext(SettingsFormContext)!
  const engines = useApp((s) => s.engines)
  const busy = useApp((s) => s.busy.preview === true)
  const error = useApp((s) => s.errors.preview)
  const engine = form.draft?.tts.engine ?? 'auto'
  const [voices, setVoices] = useState<{ id: string; label: string }[]>([])
  const [note, setNote] = useState<string | undefined>()
  const [sample, setSample] = useState('')
  const [played, setPlayed] = useState<string | undefined>()
  useEffect(() => {
    let live = true
    setVoices([])
    setNote(undefined)
    void listVoices(engine).then((r) => {
      if (!live || !r.ok) return
      setVoices(r.value.voices)
      const key = `voiceNote.${r.value.noteCode ?? ''}`
      setNote(isMessageKey(key) ? t(key) : undefined)
    })
    return () => {
      live = false
    }
    // `t` only words the note: a language switch need not fetch the voices again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine])
  const options = (engines?.engines ?? []).map((info) => {
    const name = t(`engine.${info.engine}` as 'engine.auto')
    const why = info.reason ? `engineReason.${info.reason}` : undefined
    return {
      value: info.engine,
      label: why && isMessageKey(why) ? t('engine.unavailable', { name, why: t(why) }) : name
    }
  })
  const target = voicePath(engine)
  const autoPick =
    engine === 'auto' && engines
      ? t('voice.autoPick', {
          engine: t(`engine.${engines.auto}` as 'engine.auto'),
          voice: engines.autoVoice ? ` · ${engines.autoVoice}` : ''
        })
      : undefined
  return (
    <div className="voice-picker" data-testid="voice-picker">
      <div className="field-row">
        <div
          onChange={(e) => {
            // Another engine: its own default voice, not the last engine's name.
            if ((e.target as HTMLElement).id === 'setting-tts-engine')
              form.set(['tts', 'voice'], '')
            setPlayed(undefined)
          }}
        >
          <SelectField
            path={['tts', 'engine']}
            label={t('f.tts.engine')}
            options={options.length > 0 ? options : [{ value: engine, label: engine }]}
          />
        </div>
        <div>
          <TextField
            path={target}
            label={t('f.tts.voice')}
            hint={target.length === 2 ? t('h.tts.voice') : undefined}
            list="voice-options"
          />
          <datalist id="voice-options">
            {voices.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </datalist>
        </div>
      </div>
      {autoPick ? (
        <p className="hint" data-testid="auto-pick">
          {autoPick}
        </p>
      ) : null}
      {ONLINE.includes(engine) ? <p className="hint notice-line">{t('voice.online')}</p> : null}
      {note ? <p className="hint">{note}</p> : null}
      {voices.length > 0 ? (
        <ul className="voice-chips" aria-label={t('voice.list')}>
          {voices.slice(0, 12).map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className="small"
                data-testid={`voice-${v.id}`}
                onClick={() => form.set(target, v.id)}
              >
                {v.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="test-voice">
        <input
          value={sample}
          maxLength={100}
          aria-label={t('voice.previewText')}
          placeholder={t('voice.previewText')}
          data-testid="preview-text"
          onChange={(e) => setSample(e.target.value)}
        />
        <button
          type="button"
          className="primary"
          data-testid="preview-voice"
          disabled={busy || !form.draft}
          onClick={() => {
            setPlayed(undefined)
            void previewVoice(form.draft!.tts as unknown as Record<string, unknown>, sample).then(
              (r) => {
                if (r.ok)
                  setPlayed(
                    r.value.usedFallback
                      ? t('voice.previewFallback', { engine: r.value.spokenBy ?? '' })
                      : t('voice.previewed', { engine: r.value.engine })
                  )
              }
            )
          }}
        >
          {t('voice.preview')}
        </button>
      </div>
      {played ? (
        <p className="hint" role="status" data-testid="preview-done">
          {played}
        </p>
      ) : null}
      {error && error.code !== 'invalid-settings' ? (
        <ErrorLine error={error} testId="preview-error" />
      ) : null}
      {error?.code === 'invalid-settings' ? (
        <p className="error-line" role="alert" data-testid="preview-error">
          {error.issues && error.issues.length > 0
            ? error.issues.map((i) => issueText(i, t)).join('；')
            : commandErrorText(error, t)}
        </p>
      ) : null}
      {(ENGINE_OPTIONS[engine] ?? []).filter((f) => f.path.join('.') !== target.join('.')).length >
      0 ? (
        <fieldset className="engine-options" data-testid={`engine-options-${engine}`}>
          <legend>{t('voice.options', { engine: t(`engine.${engine}` as 'engine.auto') })}</legend>
          <div className="field-grid">
            {(ENGINE_OPTIONS[engine] ?? [])
              .filter((f) => f.path.join('.') !== target.join('.'))
              .map((f) => (
                <SpecField key={f.path.join('.')} spec={f} />
              ))}
          </div>
        </fieldset>
      ) : null}
    </div>
  )
}

/** Voice, rate and loudness per event type (empty / 0 / 1 = as everything else). */
export function TypeVoicesEditor() {
  const t = useT()
  return (
    <div className="type-voices">
      {EVENT_TYPES.map((type) => (
        <fieldset key={type} className="field-row three" data-testid={`type-voice-${type}`}>
          <legend>{eventTypeName(type, t)}</legend>
          <TextField path={['events', type, 'voice']} label={t('ev.voice')} />
          <NumberField
            path={['events', type, 'rate']}
            label={t('ev.rate')}
            min={0}
            max={450}
            step={5}
          />
          <NumberField
            path={['events', type, 'volume']}
            label={t('ev.volume')}
            min={0}
            max={2}
            step={0.1}
          />
        </fieldset>
      ))}
    </div>
  )
}

type Users = Settings['users']

/** Per viewer: a read-as name and a voice, keyed by the viewer's id. */
export function UsersEditor() {
  const t = useT()
  const users = useField<Users>(['users'])
  const rows = Object.entries(users.value ?? {})
  const write = (next: [string, Users[string]][]) => users.set(Object.fromEntries(next))
  return (
    <div className="users" data-testid="users">
      {rows.length === 0 ? <p className="hint">{t('user.none')}</p> : null}
      {rows.map(([id, entry], i) => (
        <div key={i} className="user-row">
          <label className="field">
            <span>{t('user.id')}</span>
            <input
              value={id}
              data-testid={`user-${i}-id`}
              onChange={(e) => write(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
            />
          </label>
          <label className="field">
            <span>{t('user.readAs')}</span>
            <input
              value={entry.readAs ?? ''}
              data-testid={`user-${i}-readAs`}
              onChange={(e) =>
                write(
                  rows.map((r, j) =>
                    j === i ? [r[0], { ...r[1], readAs: e.target.value || undefined }] : r
                  )
                )
              }
            />
          </label>
          <label className="field">
            <span>{t('user.voice')}</span>
            <input
              value={entry.voice ?? ''}
              data-testid={`user-${i}-voice`}
              onChange={(e) =>
                write(
                  rows.map((r, j) =>
                    j === i ? [r[0], { ...r[1], voice: e.target.value || undefined }] : r
                  )
                )
              }
            />
          </label>
          <button
            type="button"
            className="small danger"
            onClick={() => write(rows.filter((_, j) => j !== i))}
          >
            {t('user.remove')}
          </button>
        </div>
      ))}
      {users.errors.length > 0 ? (
        <p className="field-error" role="alert">
          {users.errors.map((e) => issueText(e, t)).join('；')}
        </p>
      ) : null}
      <button
        type="button"
        className="small"
        data-testid="user-add"
        onClick={() => write([...rows, [`id${rows.length + 1}`, {}]])}
      >
        {t('user.add')}
      </button>
    </div>
  )
}
