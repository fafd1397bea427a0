import { Emitter } from '../../../shared/emitter'
import type { PlayerConfig, PlayerReply, SinkSpec } from '../../../shared/player-protocol'
import { describeSink } from '../../../shared/player-protocol'
import type { AudioClip } from '../../../shared/speech'
import type { PlayerStatus } from '../../../shared/status'
import type { Component } from '../../app/component'
import { forkPlayer, type PlayerChannel, type PlayerLauncher } from './player-launcher'

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
}

/**
 * Supervises the audio player child process and plays one clip at a time through it.
 * When the process cannot start (no device: `speaker` aborts at load) or dies, every clip sent is
 * answered as not played, with the reason in words, and the crash is reported for a restart.
 */
export class AudioPlayer implements Component {
  readonly id = 'audio-player'
  readonly #onDidCrash = new Emitter<Error>()
  readonly onDidCrash = this.#onDidCrash.event
  readonly #onLog = new Emitter<{ level: 'info' | 'warn' | 'error'; message: string }>()
  /** What the player process reports (e.g. a device fallback). */
  readonly onLog = this.#onLog.event
  #channel: PlayerChannel | undefined
  #state: PlayerStatus['state'] = 'stopped'
  #nextId = 1
  #pending = new Map<number, { resolve: (r: PlayResult) => void; startedAt?: number }>()
  #paused = false
  #volume: number
  #played = 0
  #notPlayed = 0
  #lastError: string | undefined
  #closed: (() => void) | undefined
  #switching: Promise<void> | undefined

  constructor(private options: AudioPlayerOptions) {
    this.#volume = options.volume
  }

  async start(): Promise<void> {
    this.#state = 'starting'
    const channel = (this.options.launcher ?? forkPlayer)(this.options.file, {
      ...process.env,
      ...this.options.env
    })
    this.#channel = channel
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('audio player did not start within the time limit')),
        this.options.readyTimeoutMs ?? 10_000
      )
      channel.onMessage((message) => {
        const reply = message as PlayerReply
        if (reply.type === 'ready') {
          clearTimeout(timer)
          resolve()
        }
        this.#onReply(reply)
      })
      channel.onExit((code, signal) => {
        clearTimeout(timer)
        const error = new Error(this.#explainExit(code, signal, channel))
        if (this.#channel !== channel) return
        const wasReady = this.#state === 'ready'
        this.#markDown(error.message)
        if (wasReady) this.#onDidCrash.fire(error)
        else reject(error)
      })
    })
    const config: PlayerConfig = {
      sink: this.options.sink,
      pace: this.options.pace,
      volume: this.#volume,
      ...(this.options.record ? { record: this.options.record } : {})
    }
    channel.send({ type: 'config', config })
    await ready
    this.#state = 'ready'
    this.#lastError = undefined
    if (this.#paused) channel.send({ type: 'pause' })
  }

  /** Plays one clip (`gain` on top of the master volume); resolves when it has ended. Never rejects. */
  async play(clip: AudioClip, gain = 1): Promise<PlayResult> {
    if (this.#switching) await this.#switching
    if (this.#state !== 'ready' || !this.#channel) {
      this.#notPlayed++
      return Promise.resolve({
        played: false,
        reason: 'not-played',
        endedAt: Date.now(),
        detail: this.#lastError ?? 'audio player is not running'
      })
    }
    const id = this.#nextId++
    return new Promise((resolve) => {
      this.#pending.set(id, { resolve })
      this.#channel!.send({ type: 'play', id, clip, gain })
    })
  }

  pause(): void {
    this.#paused = true
    this.#channel?.send({ type: 'pause' })
  }

  resume(): void {
    this.#paused = false
    this.#channel?.send({ type: 'resume' })
  }

  skip(): void {
    this.#channel?.send({ type: 'skip' })
  }

  clear(): void {
    this.#channel?.send({ type: 'clear' })
  }

  setVolume(value: number): void {
    this.#volume = value
    this.#channel?.send({ type: 'volume', value })
  }

  /**
   * Moves playback to another output (device, recording) by restarting the player process.
   * Lines that arrive meanwhile wait for it instead of being lost.
   */
  async switchOutput(sink: SinkSpec, record: string | undefined): Promise<void> {
    if (JSON.stringify([sink, record]) === JSON.stringify([this.options.sink, this.options.record]))
      return
    this.options = { ...this.options, sink, record }
    if (this.#state === 'stopped') return
    const run = (async () => {
      await this.stop(Date.now() + 2000)
      try {
        await this.start()
      } catch (err) {
        // Reported like a crash: the ComponentManager retries with backoff.
        this.#onDidCrash.fire(err as Error)
      }
    })()
    this.#switching = run
    await run
    if (this.#switching === run) this.#switching = undefined
  }

  get paused(): boolean {
    return this.#paused
  }

  get busy(): boolean {
    return this.#pending.size > 0
  }

  async stop(deadline: number): Promise<void> {
    const channel = this.#channel
    if (!channel) return
    if (this.#state === 'ready') {
      const closed = new Promise<void>((resolve) => (this.#closed = resolve))
      channel.send({ type: 'resume' })
      channel.send({ type: 'shutdown' })
      await Promise.race([
        closed,
        new Promise((r) => setTimeout(r, Math.max(500, deadline - Date.now())))
      ])
    }
    this.#channel = undefined
    channel.kill()
    this.#markDown(this.#lastError)
    this.#state = 'stopped'
  }

  status(): PlayerStatus {
    return {
      state: this.#state,
      sink: describeSink(this.options.sink),
      paused: this.#paused,
      volume: this.#volume,
      played: this.#played,
      notPlayed: this.#notPlayed,
      lastError: this.#lastError
    }
  }

  #onReply(reply: PlayerReply): void {
    switch (reply.type) {
      case 'started': {
        const pending = this.#pending.get(reply.id)
        if (pending) pending.startedAt = reply.at
        return
      }
      case 'ended': {
        const pending = this.#pending.get(reply.id)
        if (!pending) return
        this.#pending.delete(reply.id)
        if (reply.played) {
          this.#played++
          pending.resolve({
            played: true,
            startedAt: pending.startedAt ?? reply.at,
            endedAt: reply.at
          })
        } else {
          if (reply.reason === 'error') {
            this.#notPlayed++
            this.#lastError = reply.detail
          }
          pending.resolve({
            played: false,
            reason: reply.reason === 'error' ? 'not-played' : reply.reason,
            startedAt: pending.startedAt,
            endedAt: reply.at,
            detail: reply.detail
          })
        }
        return
      }
      case 'closed':
        this.#closed?.()
        return
      case 'log':
        this.#onLog.fire({ level: reply.level, message: `audio: ${reply.message}` })
        return
      default:
        return
    }
  }

  #markDown(reason: string | undefined): void {
    this.#state = 'down'
    this.#lastError = reason
    for (const [, pending] of this.#pending) {
      this.#notPlayed++
      pending.resolve({
        played: false,
        reason: 'not-played',
        startedAt: pending.startedAt,
        endedAt: Date.now(),
        detail: reason ?? 'audio player stopped'
      })
    }
    this.#pending.clear()
  }

  #explainExit(code: number | null, signal: string | null, channel: PlayerChannel): string {
    const tail = channel.stderrTail().split('\n').filter(Boolean).slice(-2).join(' | ')
    if (signal === 'SIGABRT' || code === 134) {
      return `no audio output device could be opened (无法打开音频输出设备); the audio library aborted${tail ? `: ${tail}` : ''}. Use --audio wav:<file> or null, or connect a device.`
    }
    return `audio player process exited (${signal ?? `code ${code}`})${tail ? `: ${tail}` : ''}`
  }

  dispose(): void {
    this.#channel?.kill()
    this.#channel = undefined
    this.#onDidCrash.dispose()
    this.#onLog.dispose()
  }
}
