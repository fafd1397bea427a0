import type { Settings } from './settings'
import type { LineType } from './speech'

/** How lines of one type are planned and spoken: the event type's settings, or `ai.line`. */
export interface LineRules {
  priority: number
  freshnessSec: number
  cap: number
  voice: string
  rate: number
  volume: number
  ackTargetSec: number
  weight: number
}

/** The rules of a line type: `events.<type>` for events, `ai.line` for AI replies. */
export function lineRules(settings: Settings, type: LineType): LineRules {
  return type === 'reply' ? settings.ai.line : settings.events[type]
}
