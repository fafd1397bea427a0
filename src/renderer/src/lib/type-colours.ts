import type { LineType } from '../../../shared/speech'

/**
 * One fixed colour per event type (the same as the `--c-<type>` CSS variables): a type keeps its
 * colour however many lanes or series there are, in the chart, the badges and the settings.
 */
export const TYPE_COLOURS: Record<LineType | 'system', string> = {
  chat: '#5cc8ff',
  gift: '#f6c945',
  like: '#ff8a80',
  member: '#8fd694',
  follow: '#ff7aa8',
  share: '#4dd0c8',
  stats: '#b0bec5',
  fansclub: '#c79bf2',
  end: '#e0e0e0',
  reply: '#a5d6a7',
  system: '#f28b54'
}

/** The message queue (events not yet processed) in the chart: grey and dashed. */
export const MESSAGE_COLOUR = '#9aa5b1'
