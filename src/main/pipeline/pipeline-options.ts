import type { SinkSpec } from '../../shared/player-protocol'
import type { Settings } from '../../shared/settings'
import type { LiveSource } from '../sources/source'
import type { PlayerLauncher } from './playback/player-launcher'
import type { ProbedOutput } from './playback/output-probe'
import type { TtsEngine } from './tts/engine'

/** How a Pipeline is launched; shared by the pipeline and the parts it builds from these options. */
export interface PipelineOptions {
  settings: Settings
  /** The first room's source (its spec defaults to the source's kind). */
  source: LiveSource
  /** The first room's source spec, as given (`douyin:…`, `demo`). */
  spec?: string
  /** Folder of the built worker entries (processing.worker.js, tts.worker.js, player.process.js). */
  workerDir: string
  audio: SinkSpec
  /** `fast`: file/null sinks do not wait for the audio's duration (tests, benchmarks). */
  audioPace?: 'realtime' | 'fast'
  /** Folder that `audio.recordFile` (a bare name) is saved in; without it nothing is recorded. */
  recordingsDir?: string
  /** Extra environment for the player process (ALSA_CONFIG_PATH in tests). */
  playerEnv?: NodeJS.ProcessEnv
  playerLauncher?: PlayerLauncher
  /** The player's start, done ahead by the headless entry (see output-probe.ts); used once. */
  probedOutput?: ProbedOutput
  /** Replaces engine selection (benchmarks compare engines). */
  createEngine?: () => Promise<TtsEngine>
  /** false: stop after processing (ingest benchmark); drafts are counted, not spoken. */
  speech?: boolean
  /** How long a graceful stop may spend draining the queues. */
  drainMs?: number
}
