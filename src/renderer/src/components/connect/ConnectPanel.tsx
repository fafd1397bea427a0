import { useEffect, useState } from 'react'
import { useT } from '../../i18n/i18n'
import {
  DEFAULT_RELAY_URL,
  fromSourceSpec,
  SOURCE_MODES,
  toSourceSpec,
  type SourceMode
} from '../../lib/source-spec'
import { connectSource, disconnectSource } from '../../store/actions'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'
import { ErrorLine } from '../common/ErrorLine'
import { SourceStatusView } from './SourceStatusView'

/** Choose a source (Douyin room, relay, demo, recording), connect and disconnect; shows how it goes. */
export function ConnectPanel() {
  const t = useT()
  const current = useApp((s) => s.session.source)
  const sessionState = useApp((s) => s.session.state)
  const busy = useApp((s) => s.busy.connect === true)
  const error = useApp((s) => s.errors.connect)
  const link = useApp((s) => s.link)
  const initial = fromSourceSpec(current)
  const [mode, setMode] = useState<SourceMode>(initial?.mode ?? 'douyin')
  const [inputs, setInputs] = useState<Record<SourceMode, string>>(() => ({
    douyin: initial?.mode === 'douyin' ? initial.input : '',
    relay: initial?.mode === 'relay' ? initial.input : DEFAULT_RELAY_URL,
    demo: '',
    replay: initial?.mode === 'replay' ? initial.input : ''
  }))
  const [touched, setTouched] = useState(false)
  // Until the user edits the form, it shows the session's source (known only once the snapshot is in).
  useEffect(() => {
    const parsed = fromSourceSpec(current)
    if (touched || !parsed) return
    setMode(parsed.mode)
    if (parsed.mode !== 'demo') setInputs((prev) => ({ ...prev, [parsed.mode]: parsed.input }))
  }, [current, touched])
  const spec = toSourceSpec(mode, inputs[mode])
  const active = sessionState === 'running' || sessionState === 'connecting'

  const connect = () => {
    if (spec) void connectSource(spec)
  }
  return (
    <Card title={t('connect.title')} testId="connect-panel">
      <div className="segmented" role="radiogroup" aria-label={t('connect.mode')}>
        {SOURCE_MODES.map((m) => (
          <button
            key={m}
            role="radio"
            aria-checked={mode === m}
            className={mode === m ? 'seg active' : 'seg'}
            data-testid={`mode-${m}`}
            onClick={() => (setMode(m), setTouched(true))}
          >
            {t(`connect.mode.${m}`)}
          </button>
        ))}
      </div>
      <form
        className="connect-form"
        onSubmit={(e) => {
          e.preventDefault()
          connect()
        }}
      >
        {mode === 'demo' ? (
          <p className="hint">{t('connect.demo.hint')}</p>
        ) : (
          <label className="field">
            <span>{t(`connect.${mode}.label`)}</span>
            <input
              data-testid="source-input"
              value={inputs[mode]}
              placeholder={
                mode === 'douyin'
                  ? t('connect.douyin.placeholder')
                  : mode === 'replay'
                    ? t('connect.replay.placeholder')
                    : DEFAULT_RELAY_URL
              }
              onChange={(e) => (setInputs({ ...inputs, [mode]: e.target.value }), setTouched(true))}
              spellCheck={false}
              autoComplete="off"
            />
          </label>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="primary"
            data-testid="connect"
            disabled={!spec || busy || link !== 'open'}
            title={spec ? spec : t('connect.empty')}
          >
            {t('connect.connect')}
          </button>
          <button
            type="button"
            data-testid="disconnect"
            disabled={!active || busy || link !== 'open'}
            onClick={() => void disconnectSource()}
          >
            {t('connect.disconnect')}
          </button>
        </div>
      </form>
      <ErrorLine error={error} testId="connect-error" />
      <SourceStatusView />
    </Card>
  )
}
