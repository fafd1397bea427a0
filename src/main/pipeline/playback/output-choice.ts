import { join } from 'node:path'
import type { PlayerConfig, SinkSpec } from '../../../shared/player-protocol'
import type { Settings } from '../../../shared/settings'
import { ensureDir } from '../../files/ensure-dir'

/**
 * Where the player plays and records, from the launch options and the live settings: the sink
 * (the device chosen in settings when it is the speaker), and the recording file, always inside
 * the recordings folder (a setting names a file, never a path).
 */
export class OutputChoice {
  constructor(
    private readonly base: SinkSpec,
    private readonly recordingsDir: string | undefined
  ) {}

  sink(settings: Pick<Settings, 'audio'>): SinkSpec {
    const device = settings.audio.device
    return this.base.kind === 'speaker' && !this.base.device && device
      ? { kind: 'speaker', device }
      : this.base
  }

  /** The player's config: what its first start, or a probe of that start, is launched with. */
  playerConfig(
    settings: Pick<Settings, 'audio'>,
    pace: PlayerConfig['pace'] = 'realtime'
  ): PlayerConfig {
    const record = this.record(settings).path
    return {
      sink: this.sink(settings),
      pace,
      volume: settings.audio.volume,
      ...(record ? { record } : {})
    }
  }

  /** The recording's path (made on demand), or why there is none although one is set. */
  record(settings: Pick<Settings, 'audio'>): { path?: string; problem?: string } {
    const name = settings.audio.recordFile
    if (!name) return {}
    if (!this.recordingsDir) return { problem: 'recording is off: no recordings folder' }
    try {
      ensureDir(this.recordingsDir)
      return { path: join(this.recordingsDir, name) }
    } catch (err) {
      return { problem: `recording is off: ${(err as Error).message}` }
    }
  }
}
