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

/** Inflated sizes up to this take the fast path (and fit the caller's InflateBuffer). */
const FAST_MAX_OUTPUT = 64 << 10

/**
 * One buffer that each small payload is inflated into in turn, instead of a new one per frame
 * (allocating it was ~5% of decoding a frame). What was inflated into it is valid until the next
 * inflate: its owner must be done reading a Response before it decodes the next frame.
 */
export class InflateBuffer {
  #bytes = Buffer.allocUnsafe(4 << 10)

  /** A view of `size` bytes, or undefined when that is more than it is meant to hold. */
  view(size: number): Buffer | undefined {
    if (size > FAST_MAX_OUTPUT + 1) return undefined
    if (size > this.#bytes.length) this.#bytes = Buffer.allocUnsafe(FAST_MAX_OUTPUT + 1)
    return this.#bytes.subarray(0, size)
  }
}

export function gunzipPayload(zipped: Uint8Array, maxOutput: number, into?: InflateBuffer): Buffer {
  return fastGunzip(zipped, maxOutput, into) ?? gunzipSync(zipped, zlibOptions(zipped, maxOutput))
}

/** The inflated bytes, or undefined when the payload is not a plain small gzip member or fails a check. */
export function fastGunzip(
  zipped: Uint8Array,
  maxOutput: number,
  into?: InflateBuffer
): Buffer | undefined {
  const n = zipped.length
  // RFC 1952: ID1 ID2 CM=8 (deflate), FLG=0 (no extra, name, comment or header CRC: all we see).
  if (n > FAST_GUNZIP_MAX_INPUT || n < HEADER + TRAILER + 2) return undefined
  if (zipped[0] !== 0x1f || zipped[1] !== 0x8b || zipped[2] !== 8 || zipped[3] !== 0)
    return undefined
  const size = readUint32LE(zipped, n - 4)
  if (size > maxOutput || size > FAST_MAX_OUTPUT) return undefined
  const inflater = WasmInflater.get()
  if (inflater === undefined) return undefined
  const out = into?.view(size + 1) ?? Buffer.allocUnsafe(size + 1)
  // One byte more than declared: a stream that yields more is caught, not cut short.
  if (inflater.inflate(zipped, HEADER, n - TRAILER, out) !== size) return undefined
  const body = out.subarray(0, size)
  return crc32(body) === readUint32LE(zipped, n - 8) ? body : undefined
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
