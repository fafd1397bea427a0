import type { PlayerCommand, PlayerConfig, PlayerReply } from '../../shared/player-protocol'
import type { AudioClip } from '../../shared/speech'
import { applyGain } from '../../shared/pcm'
import { createSink, withRecording, type Sink } from './sinks'

/**
 * The serial playback loop: one clip at a time, in arrival order, with pause/resume, skip, clear
 * and volume. Pure of process plumbing so it can be driven directly.
 */
export class PlayerLoop {
  readonly #sink: Sink
  readonly #queue: { id: number; clip: AudioClip; gain: number }[] = []
  #volume: number
  #paused = false
  #resume: (() => void) | undefined
  #stopCurrent: 'skipped' | 'cleared' | undefined
  #running = false
  #closing = false

  constructor(
    config: PlayerConfig,
    private readonly reply: (message: PlayerReply) => void
  ) {
    const warn = (message: string) => reply({ type: 'log', level: 'warn', message })
    const sink = createSink(config.sink, config.pace, warn)
    this.#sink = config.record ? withRecording(sink, config.record, warn) : sink
    this.#volume = config.volume
  }

  get sinkName(): string {
    return this.#sink.name
  }

  handle(command: PlayerCommand): void {
    switch (command.type) {
      case 'play':
        this.#queue.push({ id: command.id, clip: command.clip, gain: command.gain ?? 1 })
        void this.#drain()
        return
      case 'pause':
        this.#paused = true
        return
      case 'resume':
        this.#paused = false
        this.#wake()
        return
      case 'skip':
        this.#stopCurrent = 'skipped'
        this.#wake() // a paused clip can be skipped too
        return
      case 'clear':
        for (const item of this.#queue.splice(0))
          this.reply({
            type: 'ended',
            id: item.id,
            at: Date.now(),
            played: false,
            reason: 'cleared'
          })
        this.#stopCurrent = 'cleared'
        this.#wake()
        return
      case 'volume':
        this.#volume = command.value
        return
      case 'shutdown':
        this.#closing = true
        void this.#drain()
        return
      default:
        // A command this player does not know is a protocol error, said, never silently ignored.
        this.reply({
          type: 'log',
          level: 'error',
          message: `unknown player command: ${JSON.stringify((command as { type?: unknown }).type)}`
        })
    }
  }

  /** Releases a clip waiting in pause (resume, skip, clear). */
  #wake(): void {
    const resume = this.#resume
    this.#resume = undefined
    resume?.()
  }

  async #drain(): Promise<void> {
    if (this.#running) return
    this.#running = true
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift())
        await this.#playOne(next.id, next.clip, next.gain)
      if (this.#closing) {
        await this.#sink.close()
        this.reply({ type: 'closed' })
      }
    } finally {
      this.#running = false
    }
  }

  async #playOne(id: number, clip: AudioClip, lineGain: number): Promise<void> {
    this.#stopCurrent = undefined
    try {
      const bytes = await this.#sink.play(
        {
          format: clip.format,
          pcm: applyGain(clip.pcm, this.#volume * lineGain, clip.format.channels)
        },
        {
          shouldContinue: () => this.#stopCurrent === undefined,
          whilePaused: () =>
            this.#paused && this.#stopCurrent === undefined
              ? new Promise<void>((r) => (this.#resume = r))
              : Promise.resolve(),
          started: () => this.reply({ type: 'started', id, at: Date.now() })
        }
      )
      if (this.#stopCurrent)
        this.reply({ type: 'ended', id, at: Date.now(), played: false, reason: this.#stopCurrent })
      else this.reply({ type: 'ended', id, at: Date.now(), played: true, bytes })
    } catch (err) {
      this.reply({
        type: 'ended',
        id,
        at: Date.now(),
        played: false,
        reason: 'error',
        detail: (err as Error).message
      })
    }
  }
}
