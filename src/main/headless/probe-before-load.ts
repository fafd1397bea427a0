import type { PlayerConfig, SinkSpec } from '../../shared/player-protocol'
import { OutputChoice } from '../pipeline/playback/output-choice'
import { probeOutput, type ProbedOutput } from '../pipeline/playback/output-probe'
import { playerProcessFile } from '../pipeline/playback/player-launcher'
import { peekAudioSettings } from '../settings/peek-audio-settings'

export interface ProbeBeforeLoadOptions {
  workerDir: string
  audio: SinkSpec
  audioPace?: PlayerConfig['pace']
  recordingsDir: string
  /** The settings file the run will load (its audio section names the device and recording). */
  settingsFile: string | undefined
}

/**
 * The player's start-up check (does the output open?), run before the app's modules load. The
 * player starts with the app only to prove its output and parks at once; run while the app was
 * loaded, its ~44 MB process came on top of a ~64 MB main process: the idle app's largest moment,
 * 108-111 MB summed. Run first, it comes on top of the entry alone (~44 MB): 85-88 MB.
 * Undefined when there is nothing to use: the settings file cannot be read, or the player did not
 * start. The pipeline's own start then checks, and reports, as it always did.
 */
export async function probeBeforeLoad(
  options: ProbeBeforeLoadOptions
): Promise<ProbedOutput | undefined> {
  const audio = peekAudioSettings(options.settingsFile)
  if (!audio) return undefined
  return probeOutput({
    file: playerProcessFile(options.workerDir),
    config: new OutputChoice(options.audio, options.recordingsDir).playerConfig(
      { audio },
      options.audioPace
    )
  })
}
