import { num, p, select, text, type GroupSpec } from './field-specs'
import { CONTENT_SECTIONS } from './content-fields'
import { VOICE_SECTIONS } from './voice-fields'
import { FILTER_SECTIONS } from './filter-fields'
import { AI_SECTIONS } from './ai-fields'
import { ADVANCED_SECTIONS } from './advanced-fields'

/**
 * The settings form as data: groups (the tabs a streamer thinks in) → sections (cards) → fields.
 * Field labels are i18n keys (`f.<path>` by convention); the page renders plain fields itself and
 * hands sections with an `editor` to a component of that name. Every leaf of the settings schema
 * is covered here (field-registry.test.ts checks), so a new setting cannot be forgotten.
 *
 * To add a settings block: add its fields to a section (or a new section) of its group's module
 * (content-fields.ts, voice-fields.ts…; output, hotkeys and room are below), its labels to
 * i18n/fields-zh.ts and fields-en.ts. Nothing else is needed for plain numbers, texts, toggles,
 * choices and lists.
 */

export const GROUPS: GroupSpec[] = [
  { id: 'content', title: 'g.content', sections: CONTENT_SECTIONS },
  { id: 'voice', title: 'g.voice', sections: VOICE_SECTIONS },
  { id: 'filter', title: 'g.filter', sections: FILTER_SECTIONS },
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
  { id: 'ai', title: 'g.ai', sections: AI_SECTIONS },
  { id: 'advanced', title: 'g.advanced', sections: ADVANCED_SECTIONS }
]

/** Fields not shown anywhere, on purpose: `version` is the file format, not a choice. */
export const NOT_EDITABLE = ['version']
