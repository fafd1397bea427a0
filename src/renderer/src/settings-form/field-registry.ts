import { POOL_CEILING, TTS_ENGINES } from '../../../shared/settings'
import type { MessageKey } from '../i18n/i18n'
import type { Path } from './draft'

/**
 * The settings form as data: groups (the tabs a streamer thinks in) → sections (cards) → fields.
 * Field labels are i18n keys (`f.<path>` by convention); the page renders plain fields itself and
 * hands sections with an `editor` to a component of that name. Every leaf of the settings schema
 * is covered here (field-registry.test.ts checks), so a new setting cannot be forgotten.
 *
 * To add a settings block: add its fields to a section (or a new section) below, its labels to
 * i18n/fields-zh.ts and fields-en.ts. Nothing else is needed for plain numbers, texts, toggles,
 * choices and lists.
 */

export interface Choice {
  value: string
  /** An i18n key, or the text itself (technical values such as formats). */
  label: MessageKey | string
}

interface Base {
  path: Path
  label: MessageKey
  hint?: MessageKey
  /** Spans the section's whole width (long texts, templates). */
  wide?: boolean
}

export type FieldSpec =
  | (Base & { kind: 'number'; min?: number; max?: number; step?: number })
  | (Base & { kind: 'text' | 'secret' | 'template'; placeholder?: string })
  | (Base & { kind: 'toggle' })
  | (Base & { kind: 'select'; options: readonly Choice[] })
  | (Base & { kind: 'list' })
  /** A fixed number of numbers (shedding thresholds). */
  | (Base & { kind: 'numbers'; count: number; min?: number })
  /** `name=value` lines (free-form engine parameters). */
  | (Base & { kind: 'keyValues' })
  /** An output device chosen from the list the main process offers. */
  | (Base & { kind: 'device' })

/** Sections whose editing is more than a list of fields. */
export type EditorId =
  | 'presets'
  | 'events'
  | 'giftTiers'
  | 'voicePicker'
  | 'typeVoices'
  | 'users'
  | 'obsLink'
  | 'eventQueues'
  | 'planTypes'
  | 'wordingPresets'
  | 'rooms'

export interface SectionSpec {
  id: string
  title: MessageKey
  hint?: MessageKey
  fields?: FieldSpec[]
  editor?: EditorId
  /** What an editor edits, as paths with `*` for any one segment (for the coverage check). */
  covers?: string[]
  /** Takes the group's full width. */
  wide?: boolean
  /** Plain fields above the editor (a switch that governs it); otherwise below it. */
  fieldsFirst?: boolean
}

export type GroupId =
  'content' | 'voice' | 'filter' | 'output' | 'hotkeys' | 'room' | 'ai' | 'advanced'

export interface GroupSpec {
  id: GroupId
  title: MessageKey
  sections: SectionSpec[]
}

const p = (dotted: string): Path => dotted.split('.')
const num = (
  path: string,
  min?: number,
  max?: number,
  step?: number,
  extra: Partial<Base> = {}
): FieldSpec => ({
  kind: 'number',
  path: p(path),
  label: `f.${path}` as MessageKey,
  min,
  max,
  step,
  ...extra
})
const text = (path: string, extra: Partial<Base> & { placeholder?: string } = {}): FieldSpec => ({
  kind: 'text',
  path: p(path),
  label: `f.${path}` as MessageKey,
  ...extra
})
const template = (path: string): FieldSpec => ({
  kind: 'template',
  path: p(path),
  label: `f.${path}` as MessageKey,
  wide: true
})
const toggle = (path: string): FieldSpec => ({
  kind: 'toggle',
  path: p(path),
  label: `f.${path}` as MessageKey
})
const list = (path: string): FieldSpec => ({
  kind: 'list',
  path: p(path),
  label: `f.${path}` as MessageKey
})
const select = (path: string, options: readonly Choice[]): FieldSpec => ({
  kind: 'select',
  path: p(path),
  label: `f.${path}` as MessageKey,
  options
})
const plain = (values: readonly (string | number)[]): Choice[] =>
  values.map((v) => ({ value: String(v), label: String(v) }))
const RATES = [16000, 22050, 24000, 44100, 48000]

/** The engines in the picker, labelled (`engine.<name>`). */
export const ENGINE_CHOICES: readonly Choice[] = TTS_ENGINES.map((value) => ({
  value,
  label: `engine.${value}` as MessageKey
}))

/** Each engine's own options, shown in the voice picker under the chosen engine. */
export const ENGINE_OPTIONS: Partial<Record<(typeof TTS_ENGINES)[number], FieldSpec[]>> = {
  edge: [
    text('tts.engines.edge.voice'),
    text('tts.engines.edge.pitch', { hint: 'h.tts.engines.edge.pitch' }),
    text('tts.engines.edge.volume'),
    text('tts.engines.edge.url', { wide: true })
  ],
  openai: [
    text('tts.engines.openai.baseUrl', { wide: true }),
    { kind: 'secret', path: p('tts.engines.openai.apiKey'), label: 'f.tts.engines.openai.apiKey' },
    text('tts.engines.openai.model'),
    text('tts.engines.openai.voice')
  ],
  'gpt-sovits': [
    text('tts.engines.gptSovits.url', { wide: true, hint: 'h.tts.engines.gptSovits.url' }),
    text('tts.engines.gptSovits.refAudioPath', { wide: true }),
    text('tts.engines.gptSovits.promptText', { wide: true })
  ],
  sapi: [text('tts.engines.sapi.voice')],
  say: [text('tts.engines.say.voice')]
}

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

export const GROUPS: GroupSpec[] = [
  { id: 'content', title: 'g.content', sections: CONTENT_SECTIONS },
  {
    id: 'voice',
    title: 'g.voice',
    sections: [
      {
        id: 'voicePicker',
        title: 's.voicePicker',
        editor: 'voicePicker',
        wide: true,
        fields: [num('tts.rate', 80, 450, 5)],
        covers: [
          'tts.engine',
          'tts.voice',
          ...Object.values(ENGINE_OPTIONS).flatMap((fields) => fields.map((f) => f.path.join('.')))
        ]
      },
      {
        id: 'typeVoices',
        title: 's.typeVoices',
        hint: 'h.typeVoices',
        editor: 'typeVoices',
        covers: ['events.*.voice', 'events.*.rate', 'events.*.volume']
      },
      { id: 'users', title: 's.users', hint: 'h.users', editor: 'users', covers: ['users'] }
    ]
  },
  {
    id: 'filter',
    title: 'g.filter',
    sections: [
      {
        id: 'words',
        title: 's.words',
        fields: [
          list('filter.blockedWords'),
          toggle('filter.blockedPinyin'),
          list('filter.blockedUsers'),
          list('filter.allowedUsers')
        ]
      },
      {
        id: 'thresholds',
        title: 's.thresholds',
        fields: [
          num('filter.minLength', 1, 50),
          num('filter.maxLength', 5, 500),
          num('filter.maxRepeat', 1, 20),
          num('filter.minFansClubLevel', 0, 100),
          num('filter.minGiftDiamonds', 0, 10_000_000)
        ]
      },
      {
        id: 'antiSpam',
        title: 's.antiSpam',
        fields: [
          num('antiSpam.perUserLimit', 0, 100),
          num('antiSpam.perUserWindowSec', 1, 3600),
          num('antiSpam.dedupeWindowSec', 0, 3600)
        ]
      }
    ]
  },
  {
    id: 'output',
    title: 'g.output',
    sections: [
      {
        id: 'audio',
        title: 's.audio',
        fields: [
          num('audio.volume', 0, 2, 0.05, { hint: 'h.audio.volume' }),
          { kind: 'device', path: p('audio.device'), label: 'f.audio.device' },
          text('audio.recordFile', { hint: 'h.audio.recordFile', placeholder: 'live.wav' })
        ]
      },
      {
        id: 'obs',
        title: 's.obs',
        editor: 'obsLink',
        wide: true,
        fields: [num('overlay.port', 1024, 65535, 1, { hint: 'h.overlay.port' })],
        covers: []
      }
    ]
  },
  {
    id: 'hotkeys',
    title: 'g.hotkeys',
    sections: [
      {
        id: 'hotkeys',
        title: 'g.hotkeys',
        hint: 'h.hotkeys',
        fields: (
          ['skip', 'clear', 'pause', 'volumeUp', 'volumeDown', 'rateUp', 'rateDown'] as const
        ).map((k) => text(`hotkeys.${k}`, { placeholder: 'CommandOrControl+Alt+S' }))
      }
    ]
  },
  {
    id: 'room',
    title: 'g.room',
    sections: [
      {
        id: 'room',
        title: 'g.room',
        wide: true,
        fields: [
          select('room.mode', [
            { value: 'auto', label: 'room.mode.auto' },
            { value: 'direct', label: 'room.mode.direct' },
            { value: 'capture', label: 'room.mode.capture' }
          ]),
          {
            kind: 'secret',
            path: p('room.cookie'),
            label: 'f.room.cookie',
            hint: 'h.room.cookie',
            wide: true
          }
        ]
      },
      {
        id: 'rooms',
        title: 's.rooms',
        hint: 'h.rooms',
        editor: 'rooms',
        wide: true,
        covers: ['rooms']
      }
    ]
  },
  {
    id: 'ai',
    title: 'g.ai',
    sections: [
      {
        id: 'aiEndpoint',
        title: 's.aiEndpoint',
        hint: 'h.aiEndpoint',
        wide: true,
        fields: [
          toggle('ai.enabled'),
          text('ai.endpoint', { wide: true, placeholder: 'http://127.0.0.1:11434/v1' }),
          { kind: 'secret', path: p('ai.apiKey'), label: 'f.ai.apiKey' },
          text('ai.model'),
          toggle('ai.stream'),
          num('ai.timeoutMs', 500, 300_000, 500),
          text('ai.systemPrompt', { wide: true, hint: 'h.ai.systemPrompt' })
        ]
      },
      {
        id: 'aiTriggers',
        title: 's.aiTriggers',
        fields: [
          toggle('ai.triggers.questions'),
          toggle('ai.triggers.mentions'),
          toggle('ai.triggers.bigGifts'),
          list('ai.triggers.names'),
          list('ai.triggers.keywords'),
          num('ai.perMinute', 1, 60),
          num('ai.maxReplyChars', 10, 300),
          num('ai.maxInputChars', 10, 500)
        ]
      },
      {
        id: 'aiLine',
        title: 's.aiLine',
        hint: 'h.aiLine',
        fields: [
          text('ai.line.voice'),
          num('ai.line.rate', 0, 450),
          num('ai.line.volume', 0, 2, 0.05),
          num('ai.line.priority', 0, 9),
          num('ai.line.weight', 0, 100, 0.25),
          num('ai.line.ackTargetSec', 1, 600),
          num('ai.line.freshnessSec', 5, 600),
          num('ai.line.cap', 1, 100)
        ]
      }
    ]
  },
  {
    id: 'advanced',
    title: 'g.advanced',
    sections: [
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
      {
        id: 'engineAdvanced',
        title: 's.engineAdvanced',
        wide: true,
        fields: [
          select('tts.engines.resilience.fallback', [
            { value: 'offline', label: 'fallback.offline' },
            { value: 'none', label: 'fallback.none' }
          ]),
          num('tts.engines.resilience.retries', 0, 5),
          num('tts.engines.resilience.backoffBaseMs', 0, 60_000, 50),
          num('tts.engines.resilience.backoffMaxMs', 0, 300_000, 100),
          num('tts.engines.resilience.failureThreshold', 1, 100),
          num('tts.engines.resilience.cooldownMs', 100, 3_600_000, 1000),
          num('tts.engines.resilience.maxCooldownMs', 100, 3_600_000, 1000),
          select(
            'tts.engines.edge.outputFormat',
            plain(['audio-24khz-48kbitrate-mono-mp3', 'audio-24khz-96kbitrate-mono-mp3'])
          ),
          text('tts.engines.edge.trustedClientToken'),
          text('tts.engines.edge.secMsGecVersion'),
          num('tts.engines.edge.timeoutMs', 100, 300_000, 100),
          num('tts.engines.edge.maxConcurrent', 1, 64),
          select('tts.engines.openai.responseFormat', plain(['wav', 'pcm'])),
          num('tts.engines.openai.pcmSampleRate', 8000, 96_000, 1000),
          num('tts.engines.openai.timeoutMs', 100, 300_000, 100),
          num('tts.engines.openai.maxConcurrent', 1, 64),
          select('tts.engines.gptSovits.method', plain(['POST', 'GET'])),
          text('tts.engines.gptSovits.textLang'),
          text('tts.engines.gptSovits.promptLang'),
          select('tts.engines.gptSovits.mediaType', plain(['wav', 'raw'])),
          num('tts.engines.gptSovits.rawSampleRate', 8000, 96_000, 1000),
          {
            kind: 'keyValues',
            path: p('tts.engines.gptSovits.extra'),
            label: 'f.tts.engines.gptSovits.extra',
            wide: true
          },
          num('tts.engines.gptSovits.timeoutMs', 100, 300_000, 100),
          num('tts.engines.gptSovits.maxConcurrent', 1, 64),
          text('tts.engines.sapi.culture'),
          select('tts.engines.sapi.sampleRate', plain(RATES)),
          num('tts.engines.sapi.timeoutMs', 100, 300_000, 100),
          num('tts.engines.sapi.maxConcurrent', 1, 64),
          select('tts.engines.say.sampleRate', plain(RATES)),
          num('tts.engines.say.timeoutMs', 100, 300_000, 100),
          num('tts.engines.say.maxConcurrent', 1, 64)
        ]
      }
    ]
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

/** Fields not shown anywhere, on purpose: `version` is the file format, not a choice. */
export const NOT_EDITABLE = ['version']
