import { Emitter } from '../../../shared/emitter'
import { Disposable } from '../../../shared/lifecycle'
import type { PlayerConfig, PlayerReply, SinkSpec } from '../../../shared/player-protocol'
import { describeSink } from '../../../shared/player-protocol'
import type { AudioClip } from '../../../shared/speech'
import type { PlayerStatus } from '../../../shared/status'
import type { Component } from '../../lifecycle/component'
import { untilDeadline } from '../../lifecycle/deadline'
import { explainPlayerExit } from './player-exit'
import { forkPlayer, PLAYER_ENV, type PlayerChannel } from './player-launcher'
import { RestartWait } from './restart-wait'
import type { AudioPlayerOptions, Line, PlayResult } from './player-types'
import type { LogEntry } from '../../../shared/log'

export type { AudioPlayerOptions, PlayResult } from './player-types'

/**
 * Supervises the audio player child process and plays one clip at a time through it.
 * - A crash loses nothing: the line that was playing and every line sent or asked for meanwhile
 *   wait for the restart (which the ComponentManager does with backoff), then play; the line that
 *   was cut off plays again from the start, at most `maxReplays` times.
 * - When the restart does not come within `restartWaitMs`, or the player never started at all (no
 *   device: `speaker` aborts at load), lines are answered as not played, with the reason in words.
 * - A process that fails to start is killed, never left behind.
 */
export class AudioPlayer extends Disposable implements Component {
  readonly id = 'audio-player'
  readonly #onDidCrash = this._register(new Emitter<Error>())
  readonly onDidCrash = this.#onDidCrash.event
  readonly #onLog = this._register(new Emitter<LogEntry>())
  /** What the player process reports (e.g. a device fallback). */
  readonly onLog = this.#onLog.event
  #channel: PlayerChannel | undefined
  #state: PlayerStatus['state'] = 'stopped'
  #nextId = 1
  readonly #pending = new Map<number, Line>()
  /** After a crash: lines waiting for the restarted player, in playing order. */
  readonly #waiting = new RestartWait<Line>()
  /** True while the crash is being reported (the manager then stops what is already gone). */
  #reportingCrash = false
  #paused = false
  #volume: number
  #played = 0
  #notPlayed = 0
  #lastError: string | undefined
  #closed: (() => void) | undefined
  /** The process being shut down on purpose: its exit is not a crash. */
  #retiring: PlayerChannel | undefined
  #switching: Promise<void> | undefined

  constructor(private options: AudioPlayerOptions) {
    super()
    this.#volume = options.volume
  }

  async start(): Promise<void> {
    this.#state = 'starting'
    const channel = (this.options.launcher ?? forkPlayer)(this.options.file, {
      ...PLAYER_ENV,
      ...process.env,
      ...this.options.env
    })
    this.#channel = channel
    let timer: NodeJS.Timeout | undefined
    const ready = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error('audio player did not start within the time limit')),
        this.options.readyTimeoutMs ?? 10_000
      )
      channel.onMessage((message) => {
        if (this.#channel !== channel && this.#retiring !== channel) return
        const reply = message as PlayerReply
        if (reply.type === 'ready') resolve()
        this.#onReply(reply)
      })
      channel.onExit((code, signal) => {
        const error = new Error(explainPlayerExit(code, signal, channel))
        if (this.#channel !== channel || this.#retiring === channel) return
        if (this.#state === 'ready') this.#crashed(error)
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
    try {
      await ready
    } catch (err) {
      // Never leave a process behind that did not start (it may be spinning, or half alive).
      if (this.#channel === channel) this.#channel = undefined
      channel.kill()
      this.#state = 'down'
      this.#lastError = (err as Error).message
      throw err
    } finally {
      clearTimeout(timer)
    }
    this.#state = 'ready'
    this.#lastError = undefined
    if (this.#paused) channel.send({ type: 'pause' })
    this.#waiting.end()
    for (const line of this.#waiting.take()) this.#send(line)
  }

  /** Plays one clip (`gain` on top of the master volume); resolves when it has ended. Never rejects. */
  async play(clip: AudioClip, gain = 1): Promise<PlayResult> {
    if (this.#switching) await this.#switching
    return new Promise((resolve) => {
      const line: Line = { clip, gain, resolve, interrupted: 0 }
      if (this.#state === 'ready' && this.#channel) this.#send(line)
      else if (this.#waiting.active) this.#waiting.push(line)
      else this.#notPlayedNow(line, this.#lastError ?? 'audio player is not running')
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

  /** Skips the line playing now, or, while the player restarts, the first line waiting for it. */
  skip(): void {
    const waiting = this.#pending.size === 0 ? this.#waiting.shift() : undefined
    if (waiting) this.#finish(waiting, 'skipped')
    this.#channel?.send({ type: 'skip' })
  }

  clear(): void {
    for (const line of this.#waiting.take()) this.#finish(line, 'cleared')
    this.#channel?.send({ type: 'clear' })
  }

  setVolume(value: number): void {
    this.#volume = value
    this.#channel?.send({ type: 'volume', value })
  }

  /**
   * Moves playback to another output (device, recording) by restarting the player process. The
   * old process goes at once; the line it was playing (from its start) and every line sent or
   * asked for meanwhile play on the new output instead of being lost.
   */
  async switchOutput(sink: SinkSpec, record: string | undefined): Promise<void> {
    if (JSON.stringify([sink, record]) === JSON.stringify([this.options.sink, this.options.record]))
      return
    this.options = { ...this.options, sink, record }
    if (this.#state === 'stopped') return
    const run = (async () => {
      this.#holdForRestart()
      try {
        await this.start()
      } catch (err) {
        // Reported like a crash: the ComponentManager retries with backoff; lines wait for it.
        this.#beginRecovery()
        this.#reportCrash(err as Error)
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
    return this.#pending.size > 0 || this.#waiting.size > 0
  }

  async stop(deadline: number): Promise<void> {
    // The manager stops a component that reported a crash; this process is already gone, and the
    // lines it held wait for the restart.
    if (this.#reportingCrash) return
    this.#waiting.end()
    for (const line of this.#waiting.take())
      this.#notPlayedNow(line, 'the audio player stopped before this line could be played')
    const channel = this.#channel
    if (!channel) return
    this.#retiring = channel
    if (this.#state === 'ready') {
      const closed = new Promise<void>((resolve) => (this.#closed = resolve))
      channel.send({ type: 'resume' })
      channel.send({ type: 'shutdown' })
      await untilDeadline(closed, deadline, { minMs: 500 })
    }
    this.#channel = undefined
    this.#retiring = undefined
    channel.kill()
    this.#failPending(this.#lastError ?? 'audio player stopped')
    this.#state = 'stopped'
  }

  /** Ends the process now, keeping every line it held for the next one. */
  #holdForRestart(): void {
    const channel = this.#channel
    if (!channel) return
    this.#channel = undefined
    channel.kill()
    this.#waiting.holdFirst([...this.#pending.values()])
    this.#pending.clear()
    this.#state = 'down'
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

  #send(line: Line): void {
    const id = this.#nextId++
    line.startedAt = undefined
    this.#pending.set(id, line)
    this.#channel!.send({ type: 'play', id, clip: line.clip, gain: line.gain })
  }

  /** The process died while ready: keep every line it held for the restart (bounded). */
  #crashed(error: Error): void {
    this.#channel = undefined
    this.#state = 'down'
    this.#lastError = error.message
    const held: Line[] = []
    for (const line of this.#pending.values()) {
      if (line.startedAt !== undefined) line.interrupted++
      const limit = this.options.maxReplays ?? 2
      if (line.interrupted > limit)
        this.#notPlayedNow(
          line,
          `${error.message} (this line was interrupted ${line.interrupted} times; given up)`
        )
      else held.push(line)
    }
    this.#pending.clear()
    this.#waiting.holdFirst(held)
    this.#beginRecovery()
    this.#reportCrash(error)
  }

  #reportCrash(error: Error): void {
    this.#reportingCrash = true
    try {
      this.#onDidCrash.fire(error)
    } finally {
      this.#reportingCrash = false
    }
  }

  #beginRecovery(): void {
    // No working player in time: the device is gone. Say so for every line, and for the next ones
    // at once, until a start succeeds.
    this.#waiting.begin(this.options.restartWaitMs ?? 20_000, (lines) => {
      const why = this.#lastError ?? 'the audio player did not come back'
      for (const line of lines) this.#notPlayedNow(line, why)
    })
  }

  #notPlayedNow(line: Line, detail: string): void {
    this.#notPlayed++
    line.resolve({
      played: false,
      reason: 'not-played',
      ...(line.startedAt !== undefined ? { startedAt: line.startedAt } : {}),
      endedAt: Date.now(),
      detail
    })
  }

  #finish(line: Line, reason: 'skipped' | 'cleared'): void {
    line.resolve({ played: false, reason, endedAt: Date.now() })
  }

  #failPending(detail: string): void {
    for (const line of this.#pending.values()) this.#notPlayedNow(line, detail)
    this.#pending.clear()
  }

  #onReply(reply: PlayerReply): void {
    switch (reply.type) {
      case 'started': {
        const line = this.#pending.get(reply.id)
        if (line) line.startedAt = reply.at
        return
      }
      case 'ended': {
        const line = this.#pending.get(reply.id)
        if (!line) return
        this.#pending.delete(reply.id)
        if (reply.played) {
          this.#played++
          line.resolve({ played: true, startedAt: line.startedAt ?? reply.at, endedAt: reply.at })
        } else if (reply.reason === 'error') {
          this.#lastError = reply.detail
          this.#notPlayedNow(line, reply.detail ?? 'the audio device failed')
        } else {
          line.resolve({
            played: false,
            reason: reply.reason,
            startedAt: line.startedAt,
            endedAt: reply.at,
            detail: reply.detail
          })
        }
        return
      }
      case 'ready':
        return // awaited by the start that launched the process
      case 'closed':
        this.#closed?.()
        return
      case 'log':
        this.#onLog.fire({
          level: reply.level,
          code: 'audio-device',
          message: `audio: ${reply.message}`
        })
        return
      default:
        // A reply this side does not know is a protocol error, said, never silently ignored.
        this.#onLog.fire({
          level: 'error',
          message: `audio player sent an unknown reply: ${JSON.stringify((reply as { type?: unknown }).type)}`
        })
    }
  }

  override dispose(): void {
    this.#waiting.end()
    this.#channel?.kill()
    this.#channel = undefined
    for (const line of this.#waiting.take()) this.#notPlayedNow(line, 'audio player disposed')
    this.#failPending('audio player disposed')
    super.dispose()
  }
}
