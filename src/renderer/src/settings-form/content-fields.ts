import type { MessageKey } from '../i18n/i18n'
import { num, template, text, toggle, type SectionSpec } from './field-specs'

/**
 * 播报内容: what is read and how, including the speech planner (acknowledgement targets and weights
 * per type, merged-line wording, the adaptive rate; the big-gift flag is on the gift tiers).
 */
export const CONTENT_SECTIONS: SectionSpec[] = [
  { id: 'presets', title: 's.presets', hint: 'h.presets', editor: 'presets', covers: [] },
  {
    id: 'templates',
    title: 's.templates',
    hint: 'h.templates',
    editor: 'events',
    wide: true,
    fieldsFirst: true,
    fields: [toggle('speech.readNames')],
    covers: ['events.*.enabled', 'events.*.template', 'events.*.templateNoName']
  },
  {
    id: 'giftTiers',
    title: 's.giftTiers',
    hint: 'h.giftTiers',
    editor: 'giftTiers',
    wide: true,
    covers: ['giftTiers']
  },
  {
    id: 'planner',
    title: 's.planner',
    hint: 'h.planner',
    editor: 'planTypes',
    wide: true,
    fieldsFirst: true,
    fields: [
      toggle('plan.enabled'),
      num('plan.namesLimit', 0, 10),
      toggle('plan.rateBoost.enabled'),
      num('plan.rateBoost.startBacklogSec', 1, 600),
      num('plan.rateBoost.maxPercent', 0, 100, 5)
    ],
    covers: ['events.*.ackTargetSec', 'events.*.weight']
  },
  {
    id: 'wording',
    title: 's.wording',
    hint: 'h.wording',
    editor: 'wordingPresets',
    wide: true,
    fieldsFirst: false,
    fields: [
      ...(['gift', 'giftSame', 'follow', 'member', 'fansclub', 'share', 'like'] as const).flatMap(
        (kind) =>
          (['all', 'some', 'none'] as const).map((form) => template(`plan.wording.${kind}.${form}`))
      ),
      template('plan.wording.giftOneUser'),
      template('plan.wording.giftItem'),
      template('plan.wording.bigGifts'),
      template('plan.wording.bigGiftItem'),
      text('plan.wording.nameSeparator'),
      text('plan.wording.nameLastSeparator'),
      text('plan.wording.itemSeparator'),
      text('plan.wording.itemLastSeparator')
    ],
    covers: []
  }
]

/**
 * The fields of one gift tier, in the order the tier rows show them (`kind` and label per key).
 * A new tier field (the planner's big-gift flag) is one more line here plus its labels.
 */
export const TIER_FIELDS: readonly {
  key: string
  kind: 'number' | 'template' | 'toggle'
  label: MessageKey
}[] = [
  { key: 'minDiamonds', kind: 'number', label: 'tier.min' },
  { key: 'template', kind: 'template', label: 'tier.template' },
  { key: 'bigGift', kind: 'toggle', label: 'tier.bigGift' }
]
