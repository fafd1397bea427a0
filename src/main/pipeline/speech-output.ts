import { join } from 'node:path'
import { Disposable } from '../../shared/lifecycle'
import type { Log } from '../../shared/log'
import type { Settings } from '../../shared/settings'
import type { ResizeRecord } from '../scaling/dynamic-thread-pool'
import type { PipelineOptions } from './pipeline-options'
import type { FirstOf } from './planner/first-of'
import { AudioPlayer } from './playback/audio-player'
import { OutputChoice } from './playback/output-choice'
import { playerProcessFile } from './playback/player-launcher'
import { PlaybackDispatcher } from './playback/playback-dispatcher'
import { createEngine } from './tts/engine-factory'
import { describeResilienceEvent } from './tts/resilience/describe'
import { TtsService } from './tts/tts-service'

export type SpeechOutputOptions = Pick<
  PipelineOptions,
  | 'workerDir'
  | 'audio'
  | 'audioPace'
  | 'recordingsDir'
  | 'playerEnv'
  | 'playerLauncher'
  | 'probedOutput'
  | 'createEngine'
>

/**
 * The speaking half of the pipeline, from a waiting line to the speaker: the TTS pool and cache,
 * the playback dispatcher and the audio player (its device and recording file chosen from the
 * settings). Kept apart from the pipeline so the ingress and planning side does not also carry
 * the output's construction and its live reconfiguration.
 */
export class SpeechOutput extends Disposable {
  readonly tts: TtsService
  readonly player: AudioPlayer
  readonly playback: PlaybackDispatcher
  readonly #choice: OutputChoice

  constructor(
    options: SpeechOutputOptions,
    private readonly settings: () => Settings,
    lines: FirstOf,
    private readonly log: Log,
    onResize: (record: ResizeRecord & { pool: string }) => void
  ) {
    super()
    this.#choice = new OutputChoice(options.audio, options.recordingsDir)
    this.player = this._register(
      new AudioPlayer({
        file: playerProcessFile(options.workerDir),
        ...this.#choice.playerConfig(settings(), options.audioPace),
        env: options.playerEnv,
        launcher: options.playerLauncher,
        // Started to check the device, then parked until the first line: an idle app is one process.
        parkAfterStartMs: 0,
        probed: options.probedOutput
      })
    )
    this.tts = new TtsService({
      settings,
      createEngine:
        options.createEngine ??
        (() =>
          createEngine(settings(), {
            ttsWorkerFile: join(options.workerDir, 'tts.worker.js'),
            onResilienceEvent: (e) =>
              log(
                e.type === 'retry' ? 'info' : 'warn',
                describeResilienceEvent(e),
                `engine-${e.type}`
              )
          })),
      backlog: () => this.playback.unsynthesizedCount(),
      onResize,
      log
    })
    this.playback = this._register(new PlaybackDispatcher(lines, this.tts, this.player))
  }

  /** Says (as a warning) why the recording set in settings cannot be made, if it cannot. */
  checkRecording(settings: Settings = this.settings()): void {
    const { problem } = this.#choice.record(settings)
    if (problem) this.log('warn', problem, 'recording-off')
  }

  /** Settings changed: the TTS pool's bounds and engine, the volume, the device and recording. */
  applySettings(next: Settings): void {
    this.tts.applySettings()
    this.player.setVolume(next.audio.volume)
    const record = this.#choice.record(next)
    if (record.problem) this.log('warn', record.problem, 'recording-off')
    void this.player.switchOutput(this.#choice.sink(next), record.path)
  }
}
