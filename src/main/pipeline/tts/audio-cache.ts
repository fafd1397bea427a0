import { LRUCache } from 'lru-cache'
import type { AudioClip } from '../../../shared/speech'
import type { CacheStatus } from '../../../shared/status'
import type { SynthesisRequest } from './engine'

export type { CacheStatus }

/**
 * LRU of synthesised clips, bounded in bytes, keyed by engine + voice + rate + text.
 * Identical concurrent misses share one synthesis (lru-cache `fetch` coalesces them).
 */
export class AudioCache {
  #cache: LRUCache<string, AudioClip, SynthesisRequest>
  #hits = 0
  #misses = 0
  #coalesced = 0

  constructor(
    maxBytes: number,
    private readonly produce: (key: string, request: SynthesisRequest) => Promise<AudioClip>,
    /** Clips that must not be kept (a fallback voice standing in for an engine that failed). */
    private readonly keep: (clip: AudioClip) => boolean = () => true
  ) {
    this.#cache = this.#create(maxBytes)
  }

  static key(engine: string, voice: string, rate: number, text: string): string {
    return `${engine}\u0000${voice}\u0000${rate}\u0000${text}`
  }

  /** The clip, and whether it came from the cache (`hit`) or was synthesised for this call (`miss`). */
  async get(
    key: string,
    request: SynthesisRequest
  ): Promise<{ clip: AudioClip; cache: 'hit' | 'miss' }> {
    const status: LRUCache.Status<string, AudioClip, SynthesisRequest> = {}
    const clip = await this.#cache.fetch(key, { context: request, status })
    if (!clip) throw new Error('synthesis produced nothing')
    // Served to the callers waiting for it, but not kept: the next request asks the engine again.
    if (!this.keep(clip)) this.#cache.delete(key)
    if (status.fetch === 'hit') {
      this.#hits++
      return { clip, cache: 'hit' }
    }
    if (status.fetch === 'inflight') {
      this.#coalesced++
      return { clip, cache: 'hit' }
    }
    this.#misses++
    return { clip, cache: 'miss' }
  }

  has(key: string): boolean {
    return this.#cache.has(key)
  }

  /** Changing the size keeps the most recently used clips that still fit. */
  resize(maxBytes: number): void {
    if (maxBytes === this.#cache.maxSize) return
    const next = this.#create(maxBytes)
    for (const [key, clip] of [...this.#cache.entries()].reverse()) next.set(key, clip)
    this.#cache = next
  }

  status(): CacheStatus {
    return {
      hits: this.#hits,
      misses: this.#misses,
      coalesced: this.#coalesced,
      entries: this.#cache.size,
      bytes: this.#cache.calculatedSize,
      maxBytes: this.#cache.maxSize
    }
  }

  #create(maxBytes: number): LRUCache<string, AudioClip, SynthesisRequest> {
    return new LRUCache<string, AudioClip, SynthesisRequest>({
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 4)),
      sizeCalculation: (clip) => clip.pcm.byteLength || 1,
      fetchMethod: (key, _stale, { context }) => this.produce(key, context)
    })
  }
}
