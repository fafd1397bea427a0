import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { constants, deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../testing/prng'
import { WasmInflater } from './wasm-inflate'

const ROOT = join(__dirname, '..', '..', '..', '..')
const inflater = WasmInflater.get()!

/** Ours on the whole of `stream`, at most `cap` bytes: a copy of them, or undefined when refused. */
function ours(stream: Uint8Array, cap: number): Buffer | undefined {
  const view = inflater.inflate(stream, 0, stream.length, cap)
  return view === undefined ? undefined : Buffer.from(view)
}

/** zlib's answer: the bytes, or undefined when it throws. */
function zlib(stream: Uint8Array): Buffer | undefined {
  try {
    return inflateRawSync(stream)
  } catch {
    return undefined
  }
}

/**
 * Bytes drawn four ways: text-like, skewed (long Huffman codes), short runs (copies that overlap
 * what they write, 1–8 back), and repeats 8–40 back (copies eight bytes a step, overlapping too).
 */
function sample(n: number, seed: number): Buffer {
  const random = seededRandom(seed)
  const out = Buffer.alloc(n)
  const kind = seed % 4
  if (kind === 3) {
    const period = 8 + (seed % 33)
    for (let i = 0; i < n; i++)
      out[i] = i >= period && random() < 0.97 ? out[i - period]! : random() * 256
    return out
  }
  for (let i = 0; i < n; i++) {
    if (kind === 0) out[i] = 'WebcastChatMessage 主播好 666 '.charCodeAt(Math.floor(random() * 24))
    else if (kind === 1) {
      // Byte k with probability ~2^-(k+1): Huffman codes up to the 15-bit limit.
      let k = 0
      while (k < 255 && random() < 0.5) k++
      out[i] = k
    } else
      out[i] = i > 8 && random() < 0.6 ? out[i - 1 - Math.floor(random() * 8)]! : random() * 256
  }
  return out
}

/** Writes bits least significant first, as DEFLATE packs them. */
class Bits {
  readonly bytes: number[] = []
  #bit = 0
  put(value: number, count: number): this {
    for (let i = 0; i < count; i++) {
      if (this.#bit === 0) this.bytes.push(0)
      this.bytes[this.bytes.length - 1]! |= ((value >>> i) & 1) << this.#bit
      this.#bit = (this.#bit + 1) & 7
    }
    return this
  }
  /** A Huffman code, most significant bit first. */
  code(value: number, count: number): this {
    for (let i = count - 1; i >= 0; i--) this.put((value >>> i) & 1, 1)
    return this
  }
  get buffer(): Buffer {
    return Buffer.from(this.bytes)
  }
}

describe('WasmInflater', () => {
  it('inflates what zlib deflates, at every level and strategy, to the same bytes', () => {
    const strategies = [
      constants.Z_DEFAULT_STRATEGY,
      constants.Z_FIXED,
      constants.Z_HUFFMAN_ONLY,
      constants.Z_RLE,
      constants.Z_FILTERED
    ]
    let streams = 0
    for (let seed = 1; seed <= 24; seed++) {
      const body = sample([0, 1, 2, 57, 566, 3000, 9000][seed % 7]!, seed)
      for (const strategy of strategies) {
        for (const level of [0, 1, 6, 9]) {
          // memLevel 1: small symbol buffers, so longer bodies come as many blocks.
          const stream = deflateRawSync(body, { level, strategy, memLevel: seed % 2 ? 1 : 8 })
          if (stream.length > inflater.inputCapacity) continue
          expect(ours(stream, body.length + 1)).toEqual(body)
          expect(ours(stream, body.length)).toEqual(body)
          if (body.length > 0) expect(ours(stream, body.length - 1)).toBeUndefined()
          streams++
        }
      }
    }
    expect(streams).toBeGreaterThan(300)
  })

  it('refuses a stream cut short at any point, and one with bytes after its end', () => {
    const stream = deflateRawSync(sample(2000, 4))
    for (let cut = 0; cut < stream.length; cut++)
      expect(ours(stream.subarray(0, cut), 4000)).toBeUndefined()
    // zlib stops at the final block and ignores the rest; the fast path leaves that to it.
    expect(ours(Buffer.concat([stream, Buffer.of(0)]), 4000)).toBeUndefined()
    const offset = Buffer.concat([Buffer.of(9, 9), stream])
    expect(inflater.inflate(offset, 2, stream.length + 2, 4000)?.length).toBe(2000)
  })

  it('accepts only what zlib accepts, with the same bytes, on damaged streams', () => {
    const random = seededRandom(99)
    let accepted = 0
    for (let t = 0; t < 1000; t++) {
      const body = sample(50 + Math.floor(random() * 1500), t)
      const stream = deflateRawSync(body, { level: t % 10, strategy: t % 5 })
      const damaged = Buffer.from(stream)
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--)
        damaged[Math.floor(random() * damaged.length)]! ^= 1 << Math.floor(random() * 8)
      const got = ours(damaged, 4000)
      if (got === undefined) continue
      accepted++
      expect(zlib(damaged)).toEqual(got)
    }
    // Some damage leaves a valid stream (a flipped literal): those cases are compared too.
    expect(accepted).toBeGreaterThan(0)
  })

  it('refuses the malformed streams zlib refuses', () => {
    const cases = {
      // BFINAL, BTYPE 3 (reserved).
      reservedBlockType: new Bits().put(1, 1).put(3, 2).buffer,
      // Stored, LEN 3 with a wrong NLEN.
      storedLengthMismatch: Buffer.concat([
        new Bits().put(1, 1).put(0, 2).buffer,
        Buffer.of(3, 0, 0, 0)
      ]),
      // Fixed codes: a match (length 3, code 257 = 0000001) one byte back, before any output.
      distanceTooFar: new Bits().put(1, 1).put(1, 2).code(1, 7).code(0, 5).code(0, 7).buffer,
      // Fixed codes: distance code 30, which never occurs.
      distanceCode30: new Bits()
        .put(1, 1)
        .put(1, 2)
        .code(0x30 + 65, 8)
        .code(1, 7)
        .code(30, 5)
        .code(0, 7).buffer,
      // Fixed codes: literal/length code 286, which never occurs (11000110).
      lengthCode286: new Bits().put(1, 1).put(1, 2).code(0xc6, 8).code(0, 7).buffer,
      // Dynamic: HLIT of 287 codes (at most 286).
      tooManyLiteralCodes: new Bits().put(1, 1).put(2, 2).put(30, 5).put(0, 5).put(0, 4).put(0, 12)
        .buffer,
      // Dynamic: every code length code is 1 bit long (over-subscribed).
      overSubscribed: new Bits()
        .put(1, 1)
        .put(2, 2)
        .put(0, 5)
        .put(0, 5)
        .put(15, 4)
        .put(0x249249249, 57).buffer,
      // Fixed codes: output and end of block, then no final block.
      noFinalBlock: new Bits()
        .put(0, 1)
        .put(1, 2)
        .code(0x30 + 65, 8)
        .code(0, 7).buffer
    }
    for (const [name, stream] of Object.entries(cases)) {
      expect({ name, zlib: zlib(stream) }).toEqual({ name, zlib: undefined })
      expect({ name, ours: ours(stream, 100) }).toEqual({ name, ours: undefined })
    }
    // The fixed-code helpers themselves are right: 'A' then end of block is accepted by both.
    const valid = new Bits()
      .put(1, 1)
      .put(1, 2)
      .code(0x30 + 65, 8)
      .code(0, 7).buffer
    expect(zlib(valid)).toEqual(Buffer.from('A'))
    expect(ours(valid, 100)).toEqual(Buffer.from('A'))
  })

  it('turns away input or output larger than it holds', () => {
    const random = seededRandom(5)
    const big = deflateRawSync(Buffer.from(Array.from({ length: 6000 }, () => random() * 256)))
    expect(big.length).toBeGreaterThan(inflater.inputCapacity)
    expect(ours(big, 7000)).toBeUndefined()
    const small = deflateRawSync(Buffer.from('hello'))
    expect(ours(small, inflater.outputCapacity)).toEqual(Buffer.from('hello'))
    expect(ours(small, inflater.outputCapacity + 1)).toBeUndefined()
    // A bomb stops at the output it was given: 4 KiB of input would be ~4 MB of zeros.
    const bomb = gzipSync(Buffer.alloc(4 << 20)).subarray(10)
    expect(ours(bomb.subarray(0, bomb.length - 8), 1000)).toBeUndefined()
  })

  it('is what src/wasm/module.ts compiles to today', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-wasm.mjs'), '--check'], {
      encoding: 'utf8'
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  }, 60_000)
})
