/** A small seeded PRNG (mulberry32) so fuzz runs and jitter are reproducible. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `min` to `max` random picks from `parts`, joined: a random text made of chosen pieces. */
export function randomJoin(
  random: () => number,
  parts: readonly string[],
  min: number,
  max: number
): string {
  const length = min + Math.floor(random() * (max - min + 1))
  return Array.from({ length }, () => parts[Math.floor(random() * parts.length)]!).join('')
}

/** Returns a copy of `input` with a few random edits: flips, overwrites, cuts, inserts, splices. */
export function mutate(input: Uint8Array, random: () => number, donor?: Uint8Array): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(input)
  const edits = 1 + Math.floor(random() * 4)
  const at = () => Math.floor(random() * Math.max(1, bytes.length))
  for (let i = 0; i < edits; i++) {
    const op = Math.floor(random() * 6)
    if (bytes.length === 0) return Uint8Array.of(Math.floor(random() * 256))
    if (op === 0) bytes[at()]! ^= 1 << Math.floor(random() * 8)
    else if (op === 1) bytes[at()] = Math.floor(random() * 256)
    else if (op === 2) bytes = bytes.subarray(0, at())
    else if (op === 3) {
      const p = at()
      const extra = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        Math.floor(random() * 256)
      )
      bytes = concat(bytes.subarray(0, p), extra, bytes.subarray(p))
    } else if (op === 4 && donor !== undefined && donor.length > 0) {
      const from = Math.floor(random() * donor.length)
      bytes = concat(
        bytes.subarray(0, at()),
        donor.subarray(from, from + 1 + Math.floor(random() * 32))
      )
    } else {
      // Large varints in length positions are a classic way to crash naive decoders.
      bytes[at()] = 0xff
    }
  }
  return bytes
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}
