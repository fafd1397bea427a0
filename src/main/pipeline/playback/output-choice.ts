import { join } from 'node:path'
import type { SinkSpec } from '../../../shared/player-protocol'
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

  sink(settings: Settings): SinkSpec {
    const device = settings.audio.device
    return this.base.kind === 'speaker' && !this.base.device && device
      ? { kind: 'speaker', device }
      : this.base
  }

  /** The recording's path (made on demand), or why there is none although one is set. */
  record(settings: Settings): { path?: string; problem?: string } {
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
