import { POOL_CEILING } from '../../../shared/settings'
import { list, num, p, toggle, type SectionSpec } from './field-specs'
import { ENGINE_ADVANCED_SECTION } from './voice-fields'

/** 高级: queues, pools, load shedding, pre-warming and the engines' own limits. */
export const ADVANCED_SECTIONS: SectionSpec[] = [
  {
    id: 'eventQueues',
    title: 's.queues',
    editor: 'eventQueues',
    wide: true,
    covers: ['events.*.priority', 'events.*.cap', 'events.*.freshnessSec']
  },
  {
    id: 'pools',
    title: 's.pools',
    hint: 'h.pools',
    fields: [
      num('pools.processing.min', 1, POOL_CEILING),
      num('pools.processing.max', 1, POOL_CEILING),
      num('pools.tts.min', 1, POOL_CEILING),
      num('pools.tts.max', 1, POOL_CEILING),
      num('scaling.intervalMs', 50, 60_000, 50),
      num('queues.textCapacity', 1, 100_000),
      num('queues.messageCapacity', 10, 1_000_000)
    ]
  },
  {
    id: 'shedding',
    title: 's.shedding',
    fields: [
      toggle('shedding.enabled'),
      {
        kind: 'numbers',
        path: p('shedding.thresholds'),
        label: 'f.shedding.thresholds',
        count: 4,
        min: 1,
        wide: true
      },
      num('shedding.recoverAfterSec', 0.5, 600, 0.5),
      num('shedding.sampleEverySec', 0.5, 60, 0.5),
      toggle('shedding.spokenAlert'),
      num('shedding.alertCooldownSec', 5, 3600)
    ]
  },
  {
    id: 'prewarm',
    title: 's.prewarm',
    fields: [
      toggle('prewarm.enabled'),
      list('prewarm.phrases'),
      list('prewarm.giftNames'),
      num('tts.cacheMB', 1, 2048)
    ]
  },
  ENGINE_ADVANCED_SECTION
]
