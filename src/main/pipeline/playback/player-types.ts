import type { PlayerConfig, SinkSpec } from '../../../shared/player-protocol'
import type { AudioClip } from '../../../shared/speech'
import type { PlayerLauncher } from './player-launcher'
import type { ProbedOutput } from './output-probe'

export type PlayResult =
  | { played: true; startedAt: number; endedAt: number }
  | {
      played: false
      reason: 'skipped' | 'cleared' | 'not-played'
      startedAt?: number
      endedAt: number
      detail?: string
    }

export interface AudioPlayerOptions {
  file: string
  sink: SinkSpec
  /** Also save every line played into this WAV file. */
  record?: string
  pace: PlayerConfig['pace']
  volume: number
  env?: NodeJS.ProcessEnv
  launcher?: PlayerLauncher
  readyTimeoutMs?: number
  /**
   * After a crash, how long lines wait for the restarted player before they are given up as
   * not played (the device is then taken to be gone). @default 20000
   */
  restartWaitMs?: number
  /**
   * Idle this long (nothing playing or waiting), the player process is shut down to save memory
   * and started again for the next line (see AudioPlayer.warm). 0: never. @default 20000
   */
  parkAfterMs?: number
  /**
   * Idle this long right after a start with nothing to play, the process is parked too: the start
   * still proves the device works (a missing one is reported at once), without keeping a process
   * that nothing uses yet. @default parkAfterMs
   */
  parkAfterStartMs?: number
  /**
   * The result of starting this output moments ago (the headless entry probes it before loading
   * the pipeline): with `parkAfterStartMs` 0, the first start takes it instead of a process.
   */
  probed?: ProbedOutput
  /** How often one line may be interrupted by a crash and played again from the start. @default 2 */
  maxReplays?: number
}

/** One clip on its way to the speakers: sent to the process, or waiting for a (re)start. */
export interface Line {
  clip: AudioClip
  gain: number
  resolve: (result: PlayResult) => void
  startedAt?: number
  /** Crashes while this line was playing. */
  interrupted: number
}
