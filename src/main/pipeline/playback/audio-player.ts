import { Emitter } from '../../../shared/emitter'
import { Disposable } from '../../../shared/lifecycle'
import type { PlayerConfig, PlayerReply, SinkSpec } from '../../../shared/player-protocol'
import { describeSink } from '../../../shared/player-protocol'
import type { AudioClip } from '../../../shared/speech'
import type { PlayerStatus } from '../../../shared/status'
import type { Component } from '../../lifecycle/component'
import { untilDeadline } from '../../lifecycle/deadline'
import type { PlayerChannel } from './player-launcher'
import { launchPlayer } from './player-session'
import { PlayerParking } from './player-parking'
import { PlayerLines } from './player-lines'
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
 * - Idle for `parkAfterMs`, the process is shut down (parked); the next line, or `warm()` when a
 *   line is on its way, starts it again. Lines asked for meanwhile wait for it, as after a crash.
 *   A start with nothing to play parks after `parkAfterStartMs` (the app: at once, once ready);
 *   with 0, a probe of the same output just before (output-probe.ts) stands in for that start.
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
  readonly #lines = new PlayerLines()
  /** True while the crash is being reported (the manager then stops what is already gone). */
  #reportingCrash = false
  #paused = false
  #volume: number
  #lastError: string | undefined
  #closed: (() => void) | undefined
  /** The process being shut down on purpose: its exit is not a crash. */
  #retiring: PlayerChannel | undefined
  #switching: Promise<void> | undefined
  /** Idle: the process is shut down to save memory; the next line starts it again. */
  readonly #parking: PlayerParking

  constructor(private options: AudioPlayerOptions) {
    super()
    this.#volume = options.volume
    this.#parking = new PlayerParking(options.parkAfterMs ?? 20_000)
  }

  async start(): Promise<void> {
    if (this.#startProbed()) return
    this.#state = 'starting'
    this.#parking.unpark()
    const { channel, ready } = launchPlayer(
      {
        file: this.options.file,
        env: this.options.env,
        launcher: this.options.launcher,
        readyTimeoutMs: this.options.readyTimeoutMs,
        config: this.#config()
      },
      {
        listening: (c) => this.#channel === c || this.#retiring === c,
        owns: (c) => this.#channel === c && this.#retiring !== c,
        isReady: () => this.#state === 'ready',
        onReply: (reply) => this.#onReply(reply),
        onCrash: (error) => this.#crashed(error)
      }
    )
    this.#channel = channel
    try {
      await ready
    } catch (err) {
      if (this.#channel === channel) this.#channel = undefined
      this.#state = 'down'
      this.#lastError = (err as Error).message
      throw err
    }
    this.#state = 'ready'
    this.#lastError = undefined
    if (this.#paused) channel.send({ type: 'pause' })
    this.#lines.waiting.end()
    for (const line of this.#lines.waiting.take()) this.#send(line)
    const idleFor = this.busy ? undefined : this.options.parkAfterStartMs
    this.#parking.arm(() => this.#idle(), idleFor)
  }

  /**
   * A start with nothing to play that would park at once (parkAfterStartMs 0) is what a probe run
   * just before did (see output-probe.ts): take its result instead of launching a process again.
   */
  #startProbed(): boolean {
    if (this.options.parkAfterStartMs !== 0 || this.busy || this.#channel) return false
    const logs = this.options.probed?.take(this.#config())
    if (!logs) return false
    this.#state = 'ready'
    this.#lastError = undefined
    this.#parking.park()
    for (const reply of logs) this.#onReply(reply)
    return true
  }

  #config(): PlayerConfig {
    return {
      sink: this.options.sink,
      pace: this.options.pace,
      volume: this.#volume,
      ...(this.options.record ? { record: this.options.record } : {})
    }
  }

  /** Starts a parked player ahead of a line that is on its way (hides the start-up time). */
  warm(): void {
    // A failed start is reported like a crash: the ComponentManager retries with backoff.
    const waking = this.#parking.wake(
      () => this.start(),
      (err) => this.#reportCrash(err)
    )
    if (waking) this.#beginRecovery() // lines wait for it
  }

  /** Plays one clip (`gain` on top of the master volume); resolves when it has ended. Never rejects. */
  async play(clip: AudioClip, gain = 1): Promise<PlayResult> {
    if (this.#switching) await this.#switching
    return new Promise((resolve) => {
      const line: Line = { clip, gain, resolve, interrupted: 0 }
      this.warm()
      if (this.#state === 'ready' && this.#channel) this.#send(line)
      else if (this.#lines.waiting.active) this.#lines.waiting.push(line)
      else this.#lines.notPlayedNow(line, this.#lastError ?? 'audio player is not running')
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
    const waiting = this.#lines.sentCount === 0 ? this.#lines.waiting.shift() : undefined
    if (waiting) this.#lines.finish(waiting, 'skipped')
    this.#channel?.send({ type: 'skip' })
  }

  clear(): void {
    for (const line of this.#lines.waiting.take()) this.#lines.finish(line, 'cleared')
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
      await this.#parking.exited
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
    return this.#lines.busy
  }

  async stop(deadline: number): Promise<void> {
    // The manager stops a component that reported a crash; this process is already gone, and the
    // lines it held wait for the restart.
    if (this.#reportingCrash) return
    this.#lines.failWaiting('the audio player stopped before this line could be played')
    this.#parking.cancel()
    const channel = this.#channel
    if (!channel) {
      if (this.#parking.parked) this.#state = 'stopped'
      this.#parking.unpark()
      return
    }
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
    this.#lines.failPending(this.#lastError ?? 'audio player stopped')
    this.#state = 'stopped'
  }

  /** Ends the process now, keeping every line it held for the next one. */
  #holdForRestart(): void {
    const channel = this.#channel
    if (!channel) return
    this.#channel = undefined
    channel.kill()
    this.#lines.holdAll()
    this.#state = 'down'
  }

  status(): PlayerStatus {
    return {
      state: this.#state,
      sink: describeSink(this.options.sink),
      paused: this.#paused,
      volume: this.#volume,
      played: this.#lines.played,
      notPlayed: this.#lines.notPlayed,
      lastError: this.#lastError
    }
  }

  #send(line: Line): void {
    const id = this.#lines.sent(line)
    this.#parking.cancel()
    this.#channel!.send({ type: 'play', id, clip: line.clip, gain: line.gain })
  }

  /**
   * Nothing to play for a while: the process goes (an idle Node process with the audio library
   * costs ~45 MB) after closing its output, which finalises a recording; `warm` brings it back.
   */
  #idle(): void {
    const channel = this.#channel
    if (this.#state !== 'ready' || !channel || this.busy || this.#switching) return
    this.#channel = undefined
    this.#parking.park(new Promise((resolve) => channel.onExit(() => resolve())))
    channel.send({ type: 'shutdown' })
    setTimeout(() => channel.kill(), 5000).unref()
  }

  /** The process died while ready: keep every line it held for the restart (bounded). */
  #crashed(error: Error): void {
    this.#channel = undefined
    this.#state = 'down'
    this.#lastError = error.message
    this.#lines.holdAfterCrash(error, this.options.maxReplays ?? 2)
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
    this.#lines.awaitStart(
      this.options.restartWaitMs ?? 20_000,
      () => this.#lastError ?? 'the audio player did not come back'
    )
  }

  #onReply(reply: PlayerReply): void {
    switch (reply.type) {
      case 'started':
        this.#lines.started(reply.id, reply.at)
        return
      case 'ended': {
        const { error } = this.#lines.ended(reply)
        if (error !== undefined) this.#lastError = error
        if (!this.busy) this.#parking.arm(() => this.#idle())
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
    this.#parking.cancel()
    this.#parking.unpark()
    this.#channel?.kill()
    this.#channel = undefined
    this.#lines.failWaiting('audio player disposed')
    this.#lines.failPending('audio player disposed')
    super.dispose()
  }
}
