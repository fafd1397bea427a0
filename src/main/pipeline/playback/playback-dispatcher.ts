import { Emitter } from '../../../shared/emitter'
import { Disposable, DisposableStore, MutableDisposable } from '../../../shared/lifecycle'
import { clipDurationMs, type SpeechRecord } from '../../../shared/speech'
import type { Component } from '../../lifecycle/component'
import { untilDeadline } from '../../lifecycle/deadline'
import type { LineSource, SpokenLine } from '../planner/spoken-line'
import type { Synthesis, TtsService } from '../tts/tts-service'
import type { AudioPlayer } from './audio-player'

export interface NowPlaying {
  text: string
  type: SpokenLine['type']
  eventId: string
  /** The app's own line (test voice, alert). */
  system?: true
}

/** A line started and played to its end: its events are acknowledged. */
export interface LineSpoken {
  line: SpokenLine
  startedAt: number
  endedAt: number
  /** How long the clip lasts, ms (what the planner learns line timing from). */
  durationMs: number
}

/**
 * Takes the next line from its source (the speech planner or the plain text queue) whenever the
 * player is free, so playback order always follows the plan (a big gift that arrives now is the
 * very next line), while the next lines are synthesised ahead in parallel. A line that can no
 * longer start within its freshness deadline is dropped as `stale`. Every line ends as exactly one
 * SpeechRecord, covering every event of the line.
 */
export class PlaybackDispatcher extends Disposable implements Component {
  readonly id = 'playback'
  readonly #onDidSpeak = this._register(new Emitter<SpeechRecord>())
  readonly onDidSpeak = this.#onDidSpeak.event
  readonly #onDidAcknowledge = this._register(new Emitter<LineSpoken>())
  /** A line was played to its end (not on skip or failure). */
  readonly onDidAcknowledge = this.#onDidAcknowledge.event
  readonly #prepared = new WeakMap<SpokenLine, Promise<Synthesis>>()
  /** Lines whose clip is synthesised (held here; a long clip is not kept in the cache). */
  readonly #synthesised = new WeakSet<SpokenLine>()
  #running = false
  #loop: Promise<void> | undefined
  #wake: (() => void) | undefined
  #current: NowPlaying | undefined
  #drainUntil: number | undefined
  /** The source subscriptions of the current run (replaced on each start). */
  readonly #subscription = this._register(new MutableDisposable())
  /** `stop` waiting for the queue to empty and the last line to end. */
  #idleWaiters: (() => void)[] = []
  #skipRequested = false
  /** Typical synthesis time of a line not in the cache (EWMA), ms. */
  #synthMs = 200

  constructor(
    private readonly source: LineSource,
    private readonly tts: TtsService,
    private readonly player: AudioPlayer,
    private readonly now: () => number = Date.now
  ) {
    super()
  }

  async start(): Promise<void> {
    if (this.#running) return
    this.#running = true
    this.#drainUntil = undefined
    const subscriptions = new DisposableStore()
    subscriptions.add(
      this.source.onDidChange(() => {
        this.prefetch()
        this.#wake?.()
      })
    )
    // Lines dropped while waiting (stale, cleared) can empty the queue without the loop running.
    // Checked after the current turn: a drop fired inside `take` comes before `#current` is set.
    subscriptions.add(this.source.onDidDrop(() => queueMicrotask(() => this.#checkIdle())))
    this.#subscription.value = subscriptions
    this.#loop = this.#run()
  }

  /** The line being prepared or spoken right now. */
  get current(): NowPlaying | undefined {
    return this.#current
  }

  /** Whether a line is being prepared or played. */
  get busy(): boolean {
    return this.#current !== undefined
  }

  /** Skips the current line, whether it is still being synthesised or already playing. */
  skip(): void {
    if (this.#current) this.#skipRequested = true
    this.player.skip()
  }

  /** Wakes the loop (e.g. after resume). */
  poke(): void {
    this.#wake?.()
  }

  /** Starts synthesis of the next lines in speaking order (memoised per line). */
  prefetch(): void {
    const depth = Math.max(2, this.tts.pool.gate.limit * 2)
    for (const line of this.source.upcoming(depth)) void this.#prepare(line)
  }

  /** Lines in the queue whose audio is not ready yet: the TTS pool's backlog. */
  unsynthesizedCount(): number {
    let n = 0
    for (const line of this.source.upcoming(this.source.size))
      if (!this.#synthesised.has(line) && !this.tts.isCached(line.text, line)) n++
    return n
  }

  async stop(deadline: number): Promise<void> {
    // Paused means the streamer wants silence: do not drain the queue into the speakers on quit.
    if (this.player.paused) deadline = this.now()
    this.#drainUntil = deadline
    this.#wake?.()
    // Speak what is queued until the deadline, then give up on the rest.
    await untilDeadline(this.#idle(), deadline, { now: this.now })
    this.#running = false
    this.#checkIdle()
    this.source.clear('shutdown')
    if (this.#current) this.player.skip()
    this.#wake?.()
    await this.#loop
    this.#subscription.value = undefined
  }

  /** Resolves once nothing waits and no line is being prepared or played (or it stopped). */
  #idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  #isIdle(): boolean {
    return !this.#running || (this.source.size === 0 && !this.#current)
  }

  #checkIdle(): void {
    if (this.#idleWaiters.length > 0 && this.#isIdle())
      for (const resolve of this.#idleWaiters.splice(0)) resolve()
  }

  async #run(): Promise<void> {
    while (this.#running) {
      if (this.player.paused && this.#drainUntil === undefined) {
        await this.#sleep()
        continue
      }
      const item = this.source.take(this.now())
      if (!item) {
        this.#checkIdle()
        await this.#sleep()
        continue
      }
      await this.#speak(item)
    }
  }

  #sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, 1000)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.#wake = done
    })
  }

  #prepare(item: SpokenLine): Promise<Synthesis> {
    let prepared = this.#prepared.get(item)
    if (!prepared) {
      const started = this.now()
      prepared = this.tts.speak(item.text, item)
      prepared.then(
        (s) => {
          this.#synthesised.add(item)
          if (s.cache === 'miss') this.#synthMs += 0.3 * (this.now() - started - this.#synthMs)
        },
        () => {} // handled where it is awaited
      )
      this.#prepared.set(item, prepared)
    }
    return prepared
  }

  /** How long before a line ends the next one is settled: twice the usual synthesis, plus slack. */
  #synthLeadMs(): number {
    return Math.min(5000, Math.max(300, 2 * this.#synthMs + 250))
  }

  async #speak(item: SpokenLine): Promise<void> {
    this.#current = {
      text: item.text,
      type: item.type,
      eventId: item.eventId,
      ...(item.system ? { system: true as const } : {})
    }
    this.#skipRequested = false
    const base = {
      text: item.text,
      type: item.type,
      priority: item.priority,
      eventId: item.eventId,
      eventIds: item.eventIds,
      receivedAt: item.receivedAt,
      ...(item.system ? { system: true as const } : {}),
      ...(item.boost ? { boost: item.boost } : {}),
      ...(item.roomId !== undefined ? { roomId: item.roomId } : {}),
      ...(item.replyTo !== undefined ? { replyTo: item.replyTo } : {})
    }
    try {
      const pending = this.#prepare(item)
      this.player.warm() // a parked player starts while the line is synthesised
      this.prefetch()
      let synthesis: Synthesis
      try {
        synthesis = await pending
      } catch (err) {
        this.#emit({
          ...base,
          cache: 'miss',
          dropped: 'synth-failed',
          detail: (err as Error).message
        })
        return
      }
      if (this.#skipRequested) {
        this.#emit({ ...base, cache: synthesis.cache, dropped: 'skipped' })
        return
      }
      if (!this.#running) {
        // Stopped while this line was being synthesised: it will not be played.
        this.#emit({ ...base, cache: synthesis.cache, dropped: 'shutdown' })
        return
      }
      if (this.now() > item.deadline) {
        this.#emit({ ...base, cache: synthesis.cache, dropped: 'stale' })
        return
      }
      const playing = this.player.play(synthesis.clip, item.volume ?? 1)
      // Settle the next line as late as its synthesis allows, so it covers what arrives meanwhile
      // and is still ready when this one ends.
      const settle = setTimeout(
        () => {
          this.source.prepareNext(this.now())
          this.prefetch()
        },
        Math.max(0, clipDurationMs(synthesis.clip) - this.#synthLeadMs())
      )
      const result = await playing
      clearTimeout(settle)
      if (result.played) {
        this.#emit({
          ...base,
          startedAt: result.startedAt,
          endedAt: result.endedAt,
          cache: synthesis.cache
        })
        this.#onDidAcknowledge.fire({
          line: item,
          startedAt: result.startedAt,
          endedAt: result.endedAt,
          durationMs: clipDurationMs(synthesis.clip)
        })
      } else {
        this.#emit({
          ...base,
          ...(result.startedAt !== undefined ? { startedAt: result.startedAt } : {}),
          endedAt: result.endedAt,
          cache: synthesis.cache,
          dropped: result.reason,
          ...(result.detail ? { detail: result.detail } : {})
        })
      }
    } finally {
      this.#current = undefined
      this.#checkIdle()
    }
  }

  #emit(record: SpeechRecord): void {
    this.#onDidSpeak.fire(record)
  }

  override dispose(): void {
    this.#running = false
    this.#checkIdle()
    super.dispose()
  }
}
