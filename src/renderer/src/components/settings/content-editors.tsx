import { useContext } from 'react'
import { EVENT_TYPES, type EventType } from '../../../../shared/events'
import { TEMPLATE_FIELDS, type Settings } from '../../../../shared/settings'
import { MERGE_WORDING_PRESETS } from '../../../../shared/settings-schema/plan-settings'
import { eventTypeName } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'
import { TIER_FIELDS } from '../../settings-form/content-fields'
import { SettingsFormContext, useField } from '../../settings-form/use-settings-form'
import { NumberField, TextField, Toggle } from './fields'

/** Which types each one-click mode reads (applied to the draft; Apply makes it live). */
const PRESETS: Record<'all' | 'giftsFollows' | 'quiet', readonly EventType[]> = {
  all: EVENT_TYPES.filter((type) => type !== 'stats'),
  giftsFollows: ['gift', 'follow', 'fansclub', 'end'],
  quiet: ['gift', 'end']
}

/** 全部播报 / 只读礼物和关注 / 安静: which event types are read, in one click. */
export function PresetsEditor() {
  const t = useT()
  const form = useContext(SettingsFormContext)!
  const active = (Object.keys(PRESETS) as (keyof typeof PRESETS)[]).find((name) =>
    EVENT_TYPES.every((type) => form.draft?.events[type].enabled === PRESETS[name].includes(type))
  )
  return (
    <div className="button-row wrap" role="group" aria-label={t('s.presets')}>
      {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((name) => (
        <button
          key={name}
          type="button"
          data-testid={`preset-${name}`}
          aria-pressed={active === name}
          className={active === name ? 'active' : undefined}
          onClick={() => {
            for (const type of EVENT_TYPES)
              form.set(['events', type, 'enabled'], PRESETS[name].includes(type))
          }}
        >
          {t(`preset.${name}`)}
        </button>
      ))}
    </div>
  )
}

/** Each type: read or not, and its two lines (with and without the viewer's name). */
export function EventTemplatesEditor() {
  const t = useT()
  const placeholders = TEMPLATE_FIELDS.map((f) => `{${f}}`).join(' ')
  return (
    <>
      <p className="hint">{t('settings.placeholders', { list: placeholders })}</p>
      <p className="hint">{t('settings.variants')}</p>
      <div className="event-grid">
        {EVENT_TYPES.map((type) => (
          <EventCard key={type} type={type} />
        ))}
      </div>
    </>
  )
}

function EventCard({ type }: { type: EventType }) {
  const t = useT()
  const enabled = useField<boolean>(['events', type, 'enabled']).value
  return (
    <fieldset
      className={`event-card type-edge-${type} ${enabled ? '' : 'off'}`}
      data-testid={`event-${type}`}
    >
      <legend>
        <Toggle path={['events', type, 'enabled']} label={eventTypeName(type, t)} />
      </legend>
      <TextField path={['events', type, 'template']} label={t('ev.template')} multiline />
      <TextField
        path={['events', type, 'templateNoName']}
        label={t('ev.templateNoName')}
        multiline
      />
      {type === 'gift' ? <p className="hint small">{t('h.giftTiers')}</p> : null}
    </fieldset>
  )
}

type Tier = Settings['giftTiers'][number]

/** Gift lines by value: the highest tier the combo's diamonds reach replaces the gift template. */
export function GiftTiersEditor() {
  const t = useT()
  const tiers = useField<Tier[]>(['giftTiers'])
  const list = tiers.value ?? []
  return (
    <div className="tiers" data-testid="gift-tiers">
      {list.length === 0 ? <p className="hint">{t('tier.none')}</p> : null}
      {list.map((_, i) => (
        <div key={i} className="tier-row">
          {TIER_FIELDS.map((f) =>
            f.kind === 'number' ? (
              <NumberField
                key={f.key}
                path={['giftTiers', i, f.key]}
                label={t(f.label)}
                min={1}
                className={`tier-${f.key}`}
              />
            ) : f.kind === 'toggle' ? (
              <Toggle key={f.key} path={['giftTiers', i, f.key]} label={t(f.label)} />
            ) : (
              <TextField
                key={f.key}
                path={['giftTiers', i, f.key]}
                label={t(f.label)}
                multiline
                className={`tier-${f.key}`}
              />
            )
          )}
          <button
            type="button"
            className="small danger"
            data-testid={`tier-remove-${i}`}
            onClick={() => tiers.set(list.filter((_, j) => j !== i))}
          >
            {t('tier.remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="small"
        data-testid="tier-add"
        disabled={list.length >= 10}
        onClick={() =>
          tiers.set([
            ...list,
            {
              minDiamonds: (list.at(-1)?.minDiamonds ?? 50) * 2,
              template: '感谢{user}送出的{count}个{gift}',
              bigGift: false
            }
          ])
        }
      >
        {t('tier.add')}
      </button>
    </div>
  )
}

/** Lane, cap and freshness per type, as one table (engineers' numbers, kept under 高级). */
export function EventQueuesEditor() {
  const t = useT()
  return (
    <div className="queue-table">
      <p className="hint">{t('settings.events.hint')}</p>
      {EVENT_TYPES.map((type) => (
        <fieldset key={type} className="field-row three" data-testid={`queue-${type}`}>
          <legend>{eventTypeName(type, t)}</legend>
          <NumberField
            path={['events', type, 'priority']}
            label={t('ev.priority')}
            min={0}
            max={9}
          />
          <NumberField path={['events', type, 'cap']} label={t('ev.cap')} min={1} />
          <NumberField
            path={['events', type, 'freshnessSec']}
            label={t('ev.freshnessSec')}
            min={1}
          />
        </fieldset>
      ))}
    </div>
  )
}

/** The planner's numbers per type: how soon each is thanked, and its share when several wait. */
export function PlanTypesEditor() {
  const t = useT()
  return (
    <div className="queue-table">
      <p className="hint">{t('h.planTypes')}</p>
      {EVENT_TYPES.filter((type) => type !== 'end').map((type) => (
        <fieldset key={type} className="field-row two" data-testid={`plan-${type}`}>
          <legend>{eventTypeName(type, t)}</legend>
          <NumberField
            path={['events', type, 'ackTargetSec']}
            label={t('ev.ackTargetSec')}
            min={1}
            max={600}
          />
          <NumberField
            path={['events', type, 'weight']}
            label={t('ev.weight')}
            min={0}
            max={100}
            step={0.25}
          />
        </fieldset>
      ))}
    </div>
  )
}

/** One click: the merged lines' wording in Chinese or in English (then edit below). */
export function WordingPresetsEditor() {
  const t = useT()
  const form = useContext(SettingsFormContext)!
  return (
    <div className="button-row wrap" role="group" aria-label={t('s.wording')}>
      {(['zh', 'en'] as const).map((lang) => (
        <button
          key={lang}
          type="button"
          data-testid={`wording-${lang}`}
          onClick={() =>
            form.set(['plan', 'wording'], structuredClone(MERGE_WORDING_PRESETS[lang]))
          }
        >
          {t(`wording.${lang}`)}
        </button>
      ))}
    </div>
  )
}
