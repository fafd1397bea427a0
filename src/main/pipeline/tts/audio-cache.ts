import { LRUCache } from 'lru-cache'
import { clipDurationMs, type AudioClip } from '../../../shared/speech'
import type { CacheStatus } from '../../../shared/status'
import type { SynthesisRequest } from './engine'

export type { CacheStatus }

/**
 * Clips longer than this are kept only once their text is asked for a second time. Most long lines
 * are chat that never repeats (a 200k-chat flood filled 30 MB of cache with 131 clips, none used
 * again; 400 events/s filled all 64 MB in two minutes); the lines that do repeat, thanks, welcomes,
 * "主播好", are short. 3 s of 22.05 kHz 16-bit mono is 132 KB.
 */
export const LONG_CLIP_SECONDS = 3
/** Texts of long clips asked for once, remembered so that a second request keeps the clip. */
const SEEN_MAX = 4096

/**
 * LRU of synthesised clips, bounded in bytes, keyed by engine + voice + rate + text.
 * Identical concurrent misses share one synthesis (lru-cache `fetch` coalesces them).
 * A long clip is kept from its text's second request on (see LONG_CLIP_SECONDS), or when pinned.
 */
export class AudioCache {
  #cache: LRUCache<string, AudioClip, SynthesisRequest>
  #hits = 0
  #misses = 0
  #coalesced = 0
  /** Keys requested before (insertion order = age; the oldest go beyond SEEN_MAX). */
  readonly #seen = new Set<string>()

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
    request: SynthesisRequest,
    /** Keep the clip however long it is (a line known to repeat: the pre-warmed ones). */
    pin = false
  ): Promise<{ clip: AudioClip; cache: 'hit' | 'miss' }> {
    const status: LRUCache.Status<string, AudioClip, SynthesisRequest> = {}
    const repeated = this.#seen.delete(key)
    this.#seen.add(key)
    if (this.#seen.size > SEEN_MAX) this.#seen.delete(this.#seen.values().next().value!)
    const keepLong = repeated || pin
    const clip = await this.#cache.fetch(key, {
      context: request,
      status,
      // A clip sized past maxEntrySize is not stored, and evicts nothing (lru-cache's rule).
      sizeCalculation: (c) =>
        keepLong || clipDurationMs(c) <= LONG_CLIP_SECONDS * 1000
          ? byteSize(c)
          : this.#cache.maxSize + 1
    })
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
      sizeCalculation: byteSize,
      fetchMethod: (key, _stale, { context }) => this.produce(key, context)
    })
  }
}

const byteSize = (clip: AudioClip): number => clip.pcm.byteLength || 1
