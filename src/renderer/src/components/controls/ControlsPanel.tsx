import { useState } from 'react'
import { useT } from '../../i18n/i18n'
import { control, setRate, setVolume, testVoice } from '../../store/actions'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'
import { ErrorLine } from '../common/ErrorLine'
import { Slider } from './Slider'

/** Pause/resume, skip, clear, volume, rate and a test line. */
export function ControlsPanel() {
  const t = useT()
  const linkOpen = useApp((s) => s.link === 'open')
  const running = useApp((s) => s.session.state === 'running') && linkOpen
  const paused = useApp((s) => s.status?.player.paused === true)
  const volume = useApp((s) => s.settings?.audio.volume ?? s.status?.player.volume ?? 1)
  const rate = useApp((s) => s.settings?.tts.rate ?? 175)
  const busy = useApp((s) => s.busy.control === true)
  const errors = useApp((s) => s.errors)
  const [sample, setSample] = useState('')
  return (
    <Card
      title={t('controls.title')}
      testId="controls"
      actions={paused ? <span className="pill warn">{t('controls.paused')}</span> : undefined}
    >
      {!running ? <p className="hint">{t('controls.needSession')}</p> : null}
      <div className="button-row wrap">
        <button
          data-testid={paused ? 'resume' : 'pause'}
          disabled={!running || busy}
          onClick={() => void control(paused ? 'resume' : 'pause')}
        >
          {paused ? t('controls.resume') : t('controls.pause')}
        </button>
        <button data-testid="skip" disabled={!running || busy} onClick={() => void control('skip')}>
          {t('controls.skip')}
        </button>
        <button
          data-testid="clear"
          className="danger"
          disabled={!running || busy}
          onClick={() => void control('clear')}
        >
          {t('controls.clear')}
        </button>
      </div>
      <ErrorLine error={errors.control} />
      <Slider
        label={t('controls.volume')}
        testId="volume"
        value={volume}
        min={0}
        max={2}
        step={0.05}
        disabled={!linkOpen}
        show={(v) => `${Math.round(v * 100)}%`}
        onCommit={(v) => void setVolume(v)}
      />
      <ErrorLine error={errors.volume} />
      <Slider
        label={t('controls.rate')}
        testId="rate"
        value={rate}
        min={80}
        max={450}
        step={5}
        disabled={!linkOpen}
        show={(v) => t('controls.rateValue', { n: v })}
        onCommit={(v) => void setRate(v)}
      />
      <form
        className="test-voice"
        onSubmit={(e) => {
          e.preventDefault()
          void testVoice(sample)
        }}
      >
        <input
          value={sample}
          maxLength={100}
          placeholder={t('controls.testPlaceholder')}
          onChange={(e) => setSample(e.target.value)}
          data-testid="test-text"
        />
        <button type="submit" disabled={!running} data-testid="test-voice">
          {t('controls.test')}
        </button>
      </form>
      <ErrorLine error={errors.voice} />
    </Card>
  )
}
