import { crc32, gunzipSync } from 'node:zlib'
import { WasmInflater } from './wasm-inflate'

/**
 * gunzip for push-frame payloads. A frame's Response is a few hundred bytes, and Node's zlib spends
 * more time setting up a native stream per call than inflating them. So small single-member gzip
 * is inflated in-thread by our WebAssembly inflater (src/wasm/inflate.ts, ~2.5× fflate's speed,
 * `npm run bench -- decode`) and checked against the trailer's size and CRC-32 as zlib checks them.
 * Everything else, and any payload the fast path does not accept, goes to Node's zlib, which
 * returns today's result or throws today's error (the caller turns it into a `gzip` or `oversized`
 * decode error).
 *
 * The fast path takes at most 4 KiB of compressed input and stops at the size the trailer declares
 * plus one byte, so a bomb or a stream that yields more than it declares costs no more than that.
 */

/** Compressed payloads up to this size take the in-thread path. */
export const FAST_GUNZIP_MAX_INPUT = 4 << 10

const HEADER = 10
const TRAILER = 8

/**
 * How long the caller keeps the result. `transient`: only until it inflates the next payload on
 * this thread, so the result may be a view of the inflater's memory, which that overwrites (a
 * frame processor reads each Response to the end before it decodes the next frame: no copy per
 * frame). `owned`: a buffer of its own.
 */
export type InflatedLifetime = 'transient' | 'owned'

/** Bytes start..end of `buf`. */
export interface ByteRange {
  buf: Buffer
  start: number
  end: number
}

export function gunzipPayload(
  zipped: Uint8Array,
  maxOutput: number,
  lifetime: InflatedLifetime = 'owned'
): Buffer {
  const { buf, start, end } = gunzipRange(zipped, 0, zipped.length, maxOutput, lifetime)
  return start === 0 && end === buf.length ? buf : buf.subarray(start, end)
}

/**
 * gunzips bytes start..end of `zipped`. A `transient` result is where the inflater left it, so
 * no view is made per frame (bytes in place, as the decoder reads them).
 */
export function gunzipRange(
  zipped: Uint8Array,
  start: number,
  end: number,
  maxOutput: number,
  lifetime: InflatedLifetime = 'owned'
): ByteRange {
  const fast = fastGunzip(zipped, start, end, maxOutput, lifetime)
  if (fast !== undefined) return fast
  const whole = start === 0 && end === zipped.length ? zipped : zipped.subarray(start, end)
  const body = gunzipSync(whole, zlibOptions(whole, maxOutput))
  return { buf: body, start: 0, end: body.length }
}

/**
 * The inflated bytes of the gzip member at start..end of `zipped`, or undefined when it is not a
 * plain small member or fails a check.
 */
export function fastGunzip(
  zipped: Uint8Array,
  start: number,
  end: number,
  maxOutput: number,
  lifetime: InflatedLifetime = 'owned'
): ByteRange | undefined {
  const inflated = gunzipInPlace(zipped, start, end, maxOutput)
  if (inflated === undefined) return undefined
  const { inflater, size } = inflated
  const at = inflater.outputAt
  if (lifetime === 'transient') return { buf: inflater.memory, start: at, end: at + size }
  return { buf: Buffer.from(inflater.memory.subarray(at, at + size)), start: 0, end: size }
}

/**
 * The fast path itself: the member at start..end of `zipped` inflated and checked, its `size`
 * bytes left at `inflater.outputAt` until the inflater's next call; undefined when it is not a
 * plain small member or fails a check.
 */
export function gunzipInPlace(
  zipped: Uint8Array,
  start: number,
  end: number,
  maxOutput: number
): { inflater: WasmInflater; size: number } | undefined {
  const n = end - start
  // RFC 1952: ID1 ID2 CM=8 (deflate), FLG=0 (no extra, name, comment or header CRC: all we see).
  if (n > FAST_GUNZIP_MAX_INPUT || n < HEADER + TRAILER + 2) return undefined
  if (
    zipped[start] !== 0x1f ||
    zipped[start + 1] !== 0x8b ||
    zipped[start + 2] !== 8 ||
    zipped[start + 3] !== 0
  )
    return undefined
  const size = readUint32LE(zipped, end - 4)
  if (size > maxOutput) return undefined
  const inflater = WasmInflater.get()
  if (inflater === undefined) return undefined
  // Room for one byte more than declared: a stream that yields more is caught, not cut short.
  // (Output past the inflater's 64 KiB, like input past 4 KiB, is refused and goes to zlib.)
  const got = inflater.inflateInPlace(zipped, start + HEADER, end - TRAILER, size + 1)
  if (got !== size) return undefined
  // A plain Uint8Array view costs half a Buffer one, and crc32 needs no more.
  const body = new Uint8Array(inflater.memory.buffer, inflater.outputAt, size)
  if (crc32(body) !== readUint32LE(zipped, end - 8)) return undefined
  return { inflater, size }
}

function zlibOptions(zipped: Uint8Array, maxOutput: number) {
  return {
    maxOutputLength: maxOutput,
    // zlib's default 16 KiB output chunk is most of its cost for a small Response; a larger one
    // just takes more chunks.
    chunkSize: Math.min(64 << 10, Math.max(1024, zipped.length * 4))
  }
}

function readUint32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 0x1000000
}
