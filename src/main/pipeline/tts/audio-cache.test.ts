import { describe, expect, it } from 'vitest'
import type { AudioClip } from '../../../shared/speech'
import { AudioCache, LONG_CLIP_SECONDS } from './audio-cache'
import type { SynthesisRequest } from './engine'

const clipOf = (bytes: number): AudioClip => ({
  format: { sampleRate: 22050, channels: 1, bitDepth: 16 },
  pcm: new Uint8Array(bytes)
})
const req = (text: string): SynthesisRequest => ({ text, voice: 'cmn', rate: 175 })

describe('AudioCache', () => {
  it('a repeated text is a hit and is not synthesised again', async () => {
    let calls = 0
    const cache = new AudioCache(1 << 20, async () => (calls++, clipOf(100)))
    const key = AudioCache.key('e', 'cmn', 175, '主播好')
    expect((await cache.get(key, req('主播好'))).cache).toBe('miss')
    expect((await cache.get(key, req('主播好'))).cache).toBe('hit')
    expect(calls).toBe(1)
    expect(cache.status()).toMatchObject({ hits: 1, misses: 1, entries: 1, bytes: 100 })
  })

  it('identical concurrent misses are synthesised once', async () => {
    let calls = 0
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const cache = new AudioCache(1 << 20, async () => {
      calls++
      await gate
      return clipOf(10)
    })
    const key = AudioCache.key('e', 'cmn', 175, '欢迎')
    const all = Promise.all([
      cache.get(key, req('欢迎')),
      cache.get(key, req('欢迎')),
      cache.get(key, req('欢迎'))
    ])
    release()
    const results = await all
    expect(calls).toBe(1)
    expect(results.map((r) => r.cache).sort()).toEqual(['hit', 'hit', 'miss'])
    expect(cache.status()).toMatchObject({ misses: 1, coalesced: 2 })
  })

  it('keys by engine, voice, rate and text', () => {
    const keys = new Set([
      AudioCache.key('a', 'v', 175, 't'),
      AudioCache.key('b', 'v', 175, 't'),
      AudioCache.key('a', 'w', 175, 't'),
      AudioCache.key('a', 'v', 200, 't'),
      AudioCache.key('a', 'v', 175, 'u')
    ])
    expect(keys.size).toBe(5)
  })

  it('stays within its byte bound, evicting the least recently used', async () => {
    const cache = new AudioCache(1000, async (_k, r) => clipOf(Number(r.text)))
    // One clip may take at most a quarter of the cache, so one long line cannot flush it.
    await cache.get(AudioCache.key('e', 'v', 1, 'huge'), req('300'))
    expect(cache.status().entries).toBe(0)
    for (const n of [200, 200, 200, 200, 200, 200])
      await cache.get(AudioCache.key('e', 'v', 1, `${n}-${Math.random()}`), req(String(n)))
    expect(cache.status().bytes).toBeLessThanOrEqual(1000)
    expect(cache.status().entries).toBe(5)
    cache.resize(800)
    expect(cache.status()).toMatchObject({ maxBytes: 800, entries: 4, bytes: 800 })
  })

  it('a failed synthesis is an error, not an empty clip, and is not cached', async () => {
    let fail = true
    const cache = new AudioCache(1000, async () => {
      if (fail) throw new Error('engine down')
      return clipOf(4)
    })
    const key = AudioCache.key('e', 'v', 1, 'x')
    await expect(cache.get(key, req('x'))).rejects.toThrow('engine down')
    fail = false
    expect((await cache.get(key, req('x'))).cache).toBe('miss')
  })

  it('a long clip is kept from its second request on, without evicting anything the first time', async () => {
    let calls = 0
    const long = 22050 * 2 * (LONG_CLIP_SECONDS + 1) // bytes of a 4 s clip
    const cache = new AudioCache(4 * long, async (_k, r) => (calls++, clipOf(Number(r.text))))
    const short = AudioCache.key('e', 'v', 1, 'short')
    await cache.get(short, req('100'))
    const key = AudioCache.key('e', 'v', 1, 'long')
    expect((await cache.get(key, req(String(long)))).cache).toBe('miss')
    expect(cache.status()).toMatchObject({ entries: 1, bytes: 100 }) // only the short one
    expect((await cache.get(key, req(String(long)))).cache).toBe('miss')
    expect((await cache.get(key, req(String(long)))).cache).toBe('hit')
    expect(calls).toBe(3)
    expect(cache.status()).toMatchObject({ entries: 2, bytes: 100 + long })
    expect(cache.has(short)).toBe(true)
  })

  it('a pinned long clip (a pre-warmed line) is kept at once', async () => {
    const long = 22050 * 2 * (LONG_CLIP_SECONDS + 1)
    const cache = new AudioCache(4 * long, async () => clipOf(long))
    const key = AudioCache.key('e', 'v', 1, '欢迎来到直播间，喜欢主播的点点关注')
    await cache.get(key, req('x'), true)
    expect((await cache.get(key, req('x'))).cache).toBe('hit')
  })
})
