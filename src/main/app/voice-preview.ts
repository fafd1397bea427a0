import type { SinkSpec } from '../../shared/player-protocol'
import type { Settings } from '../../shared/settings'
import type { AudioClip } from '../../shared/speech'
import { AudioPlayer } from '../pipeline/playback/audio-player'
import type { TtsEngine } from '../pipeline/tts/engine'
import { CodedError } from './coded-error'
import { playerProcessFile, type PlayerLauncher } from '../pipeline/playback/player-launcher'

/** The sample line 试听 speaks when the user typed none. */
export const SAMPLE_LINE = '感谢小橘子送的小心心，欢迎新朋友来到直播间'

export interface PreviewOptions {
  workerDir: string
  audio: SinkSpec
  audioPace?: 'realtime' | 'fast'
  playerEnv?: NodeJS.ProcessEnv
  playerLauncher?: PlayerLauncher
}

/**
 * 试听: synthesises one line with a voice that is not applied yet, and plays it now. While a
 * session runs it goes to that session's player (after the line being spoken); otherwise a player
 * is started for this one line and stopped again. Nothing of it is cached or recorded.
 */
export async function previewVoice(
  engine: TtsEngine,
  settings: Settings,
  text: string,
  play: ((clip: AudioClip) => Promise<{ played: boolean; detail?: string }>) | undefined,
  options: PreviewOptions
): Promise<{ engine: string; spokenBy?: string; usedFallback?: boolean }> {
  let clip: AudioClip & { spokenBy?: string; usedFallback?: boolean }
  try {
    clip = await engine.synthesize({
      text,
      voice: settings.tts.voice || engine.defaultVoice,
      rate: settings.tts.rate
    })
  } catch (err) {
    throw new CodedError(
      'preview-synth-failed',
      `speech synthesis failed: ${(err as Error).message}`
    )
  } finally {
    await engine.dispose()
  }
  const result = play ? await play(clip) : await playOnce(clip, settings, options)
  if (!result.played)
    throw new CodedError('preview-not-played', `the sample was not played: ${result.detail ?? ''}`)
  return {
    engine: engine.name,
    ...(clip.spokenBy ? { spokenBy: clip.spokenBy } : {}),
    ...(clip.usedFallback !== undefined ? { usedFallback: clip.usedFallback } : {})
  }
}

/** A player for one clip: the app's output (and its device setting), no recording. */
async function playOnce(
  clip: AudioClip,
  settings: Settings,
  o: PreviewOptions
): Promise<{ played: boolean; detail?: string }> {
  const device = settings.audio.device
  const sink: SinkSpec =
    o.audio.kind === 'speaker' && !o.audio.device && device ? { kind: 'speaker', device } : o.audio
  const player = new AudioPlayer({
    file: playerProcessFile(o.workerDir),
    sink,
    pace: o.audioPace ?? 'realtime',
    volume: settings.audio.volume,
    env: o.playerEnv,
    launcher: o.playerLauncher
  })
  try {
    await player.start()
    return await player.play(clip)
  } catch (err) {
    return { played: false, detail: (err as Error).message }
  } finally {
    await player.stop(Date.now() + 2000)
    player.dispose()
  }
}
