import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { gzipSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { fastGunzip, FAST_GUNZIP_MAX_INPUT, gunzipPayload, gunzipRange } from './gunzip'
import { seededRandom } from '../testing/prng'
import { WasmInflater } from './wasm-inflate'

const LIMIT = 1 << 20

/** Text-like bytes (compressible, as a Response is), `n` long. */
function sample(n: number, seed: number): Buffer {
  const random = seededRandom(seed)
  const words = ['WebcastChatMessage', '主播好', '666', 'gift', '\u0000\u0001', '观众']
  const parts: Buffer[] = []
  let size = 0
  while (size < n) {
    const part = Buffer.from(words[Math.floor(random() * words.length)]!)
    parts.push(part)
    size += part.length
  }
  return Buffer.concat(parts).subarray(0, n)
}

/** The fast path's result as bytes, or undefined when it declined. */
function fast(zipped: Uint8Array): Buffer | undefined {
  const r = fastGunzip(zipped, 0, zipped.length, LIMIT)
  return r && r.buf.subarray(r.start, r.end)
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    return (err as NodeJS.ErrnoException).code
  }
  return undefined
}

describe('gunzipPayload', () => {
  it('inflates small single-member gzip in WebAssembly to exactly what zlib gives', () => {
    for (const [i, n] of [0, 1, 17, 300, 566, 2000, 9000].entries()) {
      const body = sample(n, i + 1)
      const zipped = gzipSync(body)
      expect(zipped.length).toBeLessThanOrEqual(FAST_GUNZIP_MAX_INPUT)
      expect(fast(zipped)).toEqual(body)
      expect(gunzipPayload(zipped, LIMIT)).toEqual(gunzipSync(zipped))
    }
  })

  it('leaves larger payloads to zlib, with the same result', () => {
    const random = seededRandom(7)
    const body = Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(random() * 256)))
    const zipped = gzipSync(body)
    expect(zipped.length).toBeGreaterThan(FAST_GUNZIP_MAX_INPUT)
    expect(fast(zipped)).toBeUndefined()
    expect(gunzipPayload(zipped, LIMIT)).toEqual(body)
  })

  it('refuses a bad CRC the way zlib does', () => {
    const zipped = gzipSync(sample(400, 9))
    zipped[zipped.length - 8]! ^= 0xff
    expect(fast(zipped)).toBeUndefined()
    expect(errorCode(() => gunzipPayload(zipped, LIMIT))).toBe('Z_DATA_ERROR')
  })

  it('refuses a trailer that understates the size (a bomb that lies) without holding more', () => {
    const zipped = gzipSync(Buffer.alloc(3 << 20))
    expect(zipped.length).toBeLessThanOrEqual(FAST_GUNZIP_MAX_INPUT)
    zipped.writeUInt32LE(100, zipped.length - 4)
    expect(fast(zipped)).toBeUndefined()
    // zlib then stops at the limit, as before.
    expect(errorCode(() => gunzipPayload(zipped, LIMIT))).toBe('ERR_BUFFER_TOO_LARGE')
  })

  it('refuses output over the limit before inflating', () => {
    const zipped = gzipSync(Buffer.alloc(LIMIT + 1))
    expect(fast(zipped)).toBeUndefined()
    expect(errorCode(() => gunzipPayload(zipped, LIMIT))).toBe('ERR_BUFFER_TOO_LARGE')
  })

  it('hands headers with flags, concatenated members and garbage to zlib', () => {
    const body = sample(500, 3)
    const named = gzipSync(body)
    named[3] = 0x08 // FNAME set: zlib now reads a name, which this payload does not have
    expect(fast(named)).toBeUndefined()
    expect(errorCode(() => gunzipPayload(named, LIMIT))).toBeDefined()

    const twoMembers = Buffer.concat([gzipSync(body), gzipSync(sample(200, 4))])
    expect(fast(twoMembers)).toBeUndefined()
    expect(gunzipPayload(twoMembers, LIMIT)).toEqual(gunzipSync(twoMembers))

    const garbage = Buffer.concat([gzipSync(body).subarray(0, 10), sample(100, 5)])
    expect(fast(garbage)).toBeUndefined()
    expect(errorCode(() => gunzipPayload(garbage, LIMIT))).toBe('Z_DATA_ERROR')
  })

  it('inflates a member in the middle of a larger buffer, in place or by zlib', () => {
    const small = sample(566, 21)
    // Output past the inflater's 64 KiB: zlib's.
    const large = Buffer.alloc(100_000, 7)
    for (const [body, lifetime] of [
      [small, 'transient'],
      [small, 'owned'],
      [large, 'transient']
    ] as const) {
      const zipped = gzipSync(body)
      const framed = Buffer.concat([Buffer.from('head'), zipped, Buffer.from('tail')])
      const r = gunzipRange(framed, 4, 4 + zipped.length, LIMIT, lifetime)
      expect(r.buf.subarray(r.start, r.end)).toEqual(body)
      // In place only when transient and small: the inflater's memory, not a copy.
      const inPlace = lifetime === 'transient' && body === small
      expect(r.buf.buffer === WasmInflater.get()?.memory.buffer).toBe(inPlace)
    }
  })

  it('gives a transient view that the next inflate overwrites, and owned bytes otherwise', () => {
    const first = sample(9000, 11)
    const second = sample(3000, 12)
    const owned = gunzipPayload(gzipSync(first), LIMIT)
    const a = gunzipPayload(gzipSync(first), LIMIT, 'transient')
    expect(a).toEqual(first)
    const b = gunzipPayload(gzipSync(second), LIMIT, 'transient')
    expect(b).toEqual(second)
    // The contract: the next inflate on this thread overwrites what was inflated before.
    expect(b.buffer).toBe(a.buffer)
    expect(a.subarray(0, 3000)).toEqual(second)
    expect(owned).toEqual(first)
    // Output past 64 KiB goes to zlib, which gives a buffer of its own either way.
    const big = Buffer.alloc(100_000, 7)
    const c = gunzipPayload(gzipSync(big), LIMIT, 'transient')
    expect(c).toEqual(big)
    expect(c.buffer).not.toBe(b.buffer)
    expect(b).toEqual(second)
  })

  it('hands every payload to zlib where WebAssembly cannot run (a --jitless process)', () => {
    const script = `
      const { gzipSync } = require('node:zlib')
      const { gunzipPayload } = require(${JSON.stringify(join(__dirname, 'gunzip.ts'))})
      const { WasmInflater } = require(${JSON.stringify(join(__dirname, 'wasm-inflate.ts'))})
      const body = Buffer.from('主播好 WebcastChatMessage '.repeat(40))
      const same = gunzipPayload(gzipSync(body), 1 << 20).equals(body)
      const why = WasmInflater.unavailable()
      console.log(JSON.stringify({ wasm: WasmInflater.get() !== undefined, same, why }))`
    const run = (flags: string[]) => {
      const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', '-e', script], {
        encoding: 'utf8'
      })
      expect(r.status).toBe(0)
      return JSON.parse(r.stdout) as unknown
    }
    // The reason is kept for the Douyin source's log line.
    expect(run(['--jitless'])).toEqual({
      wasm: false,
      same: true,
      why: 'this process has no WebAssembly'
    })
    expect(run([])).toEqual({ wasm: true, same: true })
  }, 30_000)
})
