import { EVENT_TYPES } from '../../../../shared/events'
import { POOL_CEILING, TEMPLATE_FIELDS, TTS_ENGINES } from '../../../../shared/settings'
import { eventTypeName } from '../../i18n/describe'
import { isMessageKey, useT } from '../../i18n/i18n'
import { Card } from '../common/Card'
import { ListField, NumberField, SelectField, TextField, Toggle } from './fields'

/** Pool bounds (applied live: the DynamicThreadPool re-clamps at once) and the resize interval. */
export function PoolsSection() {
  const t = useT()
  return (
    <Card title={t('settings.pools')} testId="settings-pools">
      <p className="hint">{t('settings.pools.hint', { ceiling: POOL_CEILING })}</p>
      {(['processing', 'tts'] as const).map((pool) => (
        <fieldset key={pool} className="field-row">
          <legend>{t(`pool.${pool}`)}</legend>
          <NumberField
            path={['pools', pool, 'min']}
            label={t('settings.min')}
            min={1}
            max={POOL_CEILING}
          />
          <NumberField
            path={['pools', pool, 'max']}
            label={t('settings.max')}
            min={1}
            max={POOL_CEILING}
          />
        </fieldset>
      ))}
      <NumberField
        path={['scaling', 'intervalMs']}
        label={t('settings.scaling')}
        min={50}
        max={60000}
        step={50}
      />
    </Card>
  )
}

/** Queue capacities (per-type caps are with each event type). */
export function QueuesSection() {
  const t = useT()
  return (
    <Card title={t('settings.queues')} testId="settings-queues">
      <NumberField path={['queues', 'textCapacity']} label={t('settings.textCapacity')} min={1} />
      <NumberField
        path={['queues', 'messageCapacity']}
        label={t('settings.messageCapacity')}
        min={10}
      />
    </Card>
  )
}

/** Speech engine, voice, rate, cache size and whether names are read. */
export function VoiceSection() {
  const t = useT()
  const engines = TTS_ENGINES.map((value) => {
    const key = `engine.${value}`
    return { value, label: isMessageKey(key) ? t(key) : value }
  })
  return (
    <Card title={t('settings.tts')} testId="settings-tts">
      <SelectField path={['tts', 'engine']} label={t('settings.engine')} options={engines} />
      <TextField
        path={['tts', 'voice']}
        label={t('settings.voice')}
        placeholder="cmn-latn-pinyin"
      />
      <NumberField path={['tts', 'rate']} label={t('settings.rate')} min={80} max={450} step={5} />
      <NumberField path={['tts', 'cacheMB']} label={t('settings.cacheMB')} min={1} max={2048} />
      <Toggle path={['speech', 'readNames']} label={t('settings.readNames')} />
    </Card>
  )
}

/** Blocked words and how much of a comment is read. */
export function FilterSection() {
  const t = useT()
  return (
    <Card title={t('settings.filter')} testId="settings-filter">
      <ListField path={['filter', 'blockedWords']} label={t('settings.blockedWords')} />
      <NumberField
        path={['filter', 'maxLength']}
        label={t('settings.maxLength')}
        min={5}
        max={500}
      />
      <NumberField
        path={['filter', 'maxRepeat']}
        label={t('settings.maxRepeat')}
        min={1}
        max={20}
      />
    </Card>
  )
}

/** Each event type: on/off, template, priority lane, queue cap and freshness. */
export function EventsSection() {
  const t = useT()
  const placeholders = TEMPLATE_FIELDS.map((f) => `{${f}}`).join(' ')
  return (
    <Card title={t('settings.events')} testId="settings-events" className="span-all">
      <p className="hint">{t('settings.events.hint')}</p>
      <p className="hint">{t('settings.placeholders', { list: placeholders })}</p>
      <p className="hint">{t('settings.variants')}</p>
      <div className="event-grid">
        {EVENT_TYPES.map((type) => (
          <fieldset key={type} className="event-card" data-testid={`event-${type}`}>
            <legend>
              <Toggle path={['events', type, 'enabled']} label={eventTypeName(type, t)} />
            </legend>
            <TextField path={['events', type, 'template']} label={t('settings.event.template')} />
            <div className="field-row three">
              <NumberField
                path={['events', type, 'priority']}
                label={t('settings.event.priority')}
                min={0}
                max={9}
              />
              <NumberField path={['events', type, 'cap']} label={t('settings.event.cap')} min={1} />
              <NumberField
                path={['events', type, 'freshnessSec']}
                label={t('settings.event.freshness')}
                min={1}
              />
            </div>
          </fieldset>
        ))}
      </div>
    </Card>
  )
}
