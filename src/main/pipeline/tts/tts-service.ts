import type { Settings } from '../../../shared/settings'
import type { AudioClip } from '../../../shared/speech'
import type { Component } from '../../lifecycle/component'
import { untilDeadline } from '../../lifecycle/deadline'
import {
  DynamicThreadPool,
  type PoolStatus,
  type ResizeRecord
} from '../../scaling/dynamic-thread-pool'
import { stoppedError } from '../../scaling/task-error'
import { AudioCache, type CacheStatus } from './audio-cache'
import type { SynthesisRequest, TtsEngine } from './engine'
import { ResilientEngine } from './resilience/resilient-engine'
import { isSpokenClip, type ResilientEngineStatus } from './resilience/types'
import type { Log } from '../../../shared/log'

export interface Synthesis {
  clip: AudioClip
  cache: 'hit' | 'miss'
}

/** A line's own voice and rate (empty/0 = the global setting). */
export interface LineVoice {
  voice?: string
  rate?: number
}

export interface TtsStatus {
  engine?: string
  engineDescription?: string
  synthesized: number
  failed: number
  pool: PoolStatus
  cache: CacheStatus
  /** Health, circuit and fallbacks of an online/OS engine. */
  resilience?: ResilientEngineStatus
}

export interface TtsServiceOptions {
  settings: () => Settings
  createEngine: () => Promise<TtsEngine>
  /** Lines waiting for synthesis (the DynamicThreadPool's backlog signal). */
  backlog: () => number
  onResize?: (record: ResizeRecord & { pool: string }) => void
  log: Log
}

/**
 * The parallel TTS pool: an engine behind a DynamicThreadPool, with the LRU audio cache in front.
 * Identical concurrent requests are synthesised once; a failed synthesis is retried once.
 */
export class TtsService implements Component {
  readonly id = 'tts'
  #engine: TtsEngine | undefined
  readonly pool: DynamicThreadPool<SynthesisRequest, AudioClip>
  readonly cache: AudioCache
  #synthesized = 0
  #failed = 0
  /** The last engine, kept for status after stop. */
  #engineName: string | undefined
  #engineDescription: string | undefined

  constructor(private readonly options: TtsServiceOptions) {
    const settings = options.settings
    this.pool = new DynamicThreadPool<SynthesisRequest, AudioClip>({
      name: 'tts',
      bounds: () => settings().pools.tts,
      backlog: options.backlog,
      intervalMs: () => settings().scaling.intervalMs,
      threads: () => this.#engine?.threads?.() ?? 0,
      execute: (request, record) => {
        const engine = this.#engine
        if (!engine) return Promise.reject(stoppedError('speech engine'))
        this.#synthesized++
        // The engine is the worker unless it names a finer one (the espeak-ng program's pid).
        record.worker = engine.name
        return engine.synthesize({ ...request, onWorker: (w) => (record.worker = w) })
      },
      // A ResilientEngine retries and falls back itself; retrying on top would double the wait.
      retries: () => (this.#engine instanceof ResilientEngine ? 0 : 1),
      // Nothing to scale while nothing is said: no 500 ms timer wakes a quiet session. A waiting
      // line is handed to the pool (prefetch) as it arrives, which resumes sampling.
      pauseWhenIdle: true,
      onResize: options.onResize,
      onRetry: (err) =>
        options.log('warn', `speech synthesis failed, retrying: ${(err as Error).message}`)
    })
    this.cache = new AudioCache(
      settings().tts.cacheMB * 1024 * 1024,
      (_key, request) => this.pool.run(request),
      (clip) => !(isSpokenClip(clip) && clip.usedFallback)
    )
  }

  get engine(): TtsEngine | undefined {
    return this.#engine
  }

  async start(): Promise<void> {
    this.#engine ??= await this.options.createEngine()
    this.#engineName = this.#engine.name
    this.#engineDescription = this.#engine.description
    this.options.log('info', `speech engine: ${this.#engine.description}`)
    this.pool.start()
  }

  /**
   * The clip for `text` (with this line's voice and rate, else the global ones): cached or
   * synthesised now. `pin` keeps it in the cache however long it is (see AudioCache.get).
   */
  async speak(text: string, line: LineVoice = {}, pin = false): Promise<Synthesis> {
    const engine = this.#engine
    if (!engine) throw stoppedError('speech engine')
    const request = this.#request(engine, text, line)
    try {
      return await this.cache.get(
        AudioCache.key(engine.name, request.voice, request.rate, text),
        request,
        pin
      )
    } catch (err) {
      this.#failed++
      throw err
    }
  }

  /** Whether `text` is already cached with this line's voice and rate. */
  isCached(text: string, line: LineVoice = {}): boolean {
    const engine = this.#engine
    if (!engine) return false
    const request = this.#request(engine, text, line)
    return this.cache.has(AudioCache.key(engine.name, request.voice, request.rate, text))
  }

  /**
   * Synthesises fixed lines in the background, one at a time and only while the pool is otherwise
   * idle, so a start-up warm-up never delays a real line.
   */
  async prewarm(texts: readonly string[], stillWanted: () => boolean): Promise<number> {
    let warmed = 0
    for (const text of new Set(texts)) {
      if (!stillWanted() || !this.#engine) break
      while (this.pool.gate.active > 0 && stillWanted())
        await new Promise((r) => setTimeout(r, 100))
      if (this.isCached(text)) continue
      try {
        await this.speak(text, {}, true)
        warmed++
      } catch {
        // A failed warm-up line is simply not cached; the real line will try again.
      }
    }
    return warmed
  }

  #request(engine: TtsEngine, text: string, line: LineVoice): SynthesisRequest {
    const global = this.options.settings().tts
    return {
      text,
      voice: line.voice || global.voice || engine.defaultVoice,
      rate: line.rate || global.rate
    }
  }

  /**
   * Another engine chosen while running: new lines use it at once; lines already being synthesised
   * finish on the old one, which is disposed once the pool is idle (or after `graceMs`).
   */
  async replaceEngine(next: TtsEngine, graceMs = 10_000): Promise<void> {
    const old = this.#engine
    this.#engine = next
    this.#engineName = next.name
    this.#engineDescription = next.description
    this.options.log('info', `speech engine: ${next.description}`)
    if (!old || old === next) return
    await untilDeadline(this.pool.whenIdle(), Date.now() + graceMs)
    await old.dispose()
  }

  /** Settings changed: pool bounds and cache size apply at once. */
  applySettings(): void {
    this.pool.applyBounds()
    this.cache.resize(this.options.settings().tts.cacheMB * 1024 * 1024)
  }

  async stop(deadline: number): Promise<void> {
    this.pool.stop()
    // piscina's destroy() can reject tasks still running: wait for ours first (platform-notes.md).
    await untilDeadline(this.pool.whenIdle(), deadline)
    const engine = this.#engine
    this.#engine = undefined
    await engine?.dispose()
  }

  status(): TtsStatus {
    return {
      engine: this.#engineName,
      engineDescription: this.#engineDescription,
      synthesized: this.#synthesized,
      failed: this.#failed,
      pool: this.pool.status(),
      cache: this.cache.status(),
      ...(this.#engine instanceof ResilientEngine ? { resilience: this.#engine.status() } : {})
    }
  }
}
