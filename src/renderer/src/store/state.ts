import type {
  CommandError,
  CommandResults,
  FeedItem,
  Notice,
  ObsLink,
  QueueSample,
  Session,
  SpeechLine
} from '../../../shared/ipc/contract'
import type { Settings } from '../../../shared/settings'
import type { PipelineStatus } from '../../../shared/status'
import type { LinkState } from '../bridge/types'

/** Events per second and lines spoken per second at one moment (sampled from ticks, 1 Hz). */
export interface RateSample {
  at: number
  eventsIn: number
  spoken: number
}

/** Parts of the UI that run commands; each shows its own busy state and error. */
export type CommandArea =
  'connect' | 'rooms' | 'control' | 'volume' | 'voice' | 'settings' | 'preview' | 'obs'

/** Everything the renderer knows, fed by the bridge (see sync.ts). */
export interface AppState {
  link: LinkState
  /** A snapshot arrived on the current link (before that, numbers are not to be trusted). */
  ready: boolean
  session: Session
  status: PipelineStatus | null
  settings: Settings | null
  settingsFile?: string
  /** The OBS overlay link, when the local server runs. */
  obsLink?: ObsLink
  /** Which speech engines this machine runs (asked once per link). */
  engines?: CommandResults['listEngines']
  /** Recent events, oldest first. */
  feed: FeedItem[]
  /** Recent lines of speech (spoken or dropped), oldest first. */
  speech: SpeechLine[]
  /** Queue-length samples for the chart, oldest first. */
  history: QueueSample[]
  rates: RateSample[]
  notices: Notice[]
  /** Keys (noticeKey) of notices the user closed. */
  dismissed: string[]
  busy: Partial<Record<CommandArea, boolean>>
  errors: Partial<Record<CommandArea, CommandError>>
}

/** How many of each list the UI keeps. */
export const LIMITS = {
  feed: 100,
  speech: 50,
  /** One sample a second: five minutes of chart. */
  history: 300,
  rates: 300,
  notices: 20
} as const

/** The state before the bridge has said anything. */
export function initialState(): AppState {
  return {
    link: 'connecting',
    ready: false,
    session: { state: 'idle' },
    status: null,
    settings: null,
    feed: [],
    speech: [],
    history: [],
    rates: [],
    notices: [],
    dismissed: [],
    busy: {},
    errors: {}
  }
}
