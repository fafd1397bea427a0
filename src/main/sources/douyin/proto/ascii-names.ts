/**
 * A fixed set of ASCII names (method names, header keys, frame types). A field whose bytes spell
 * one of them, byte for byte, is given the interned name: no string is made for it, and a field
 * that is none of them need not become a string at all. (Equal bytes are the only way to decode to
 * an ASCII name: a malformed byte decodes to U+FFFD, never to ASCII.)
 */
export class AsciiNames {
  /** Names by length; in each group, `at` is the byte where its names differ most. */
  readonly #byLength: ({ names: string[]; bytes: Buffer[]; at: number } | undefined)[] = []

  constructor(names: readonly string[]) {
    for (const name of names) {
      const group = (this.#byLength[name.length] ??= { names: [], bytes: [], at: 0 })
      group.names.push(name)
      group.bytes.push(Buffer.from(name, 'latin1'))
    }
    for (const group of this.#byLength) {
      if (group === undefined) continue
      let distinct = 0
      for (let at = 0; at < group.bytes[0]!.length; at++) {
        const n = new Set(group.bytes.map((b) => b[at])).size
        if (n > distinct) [distinct, group.at] = [n, at]
      }
    }
  }

  /** The name that bytes start..end of `buf` spell, if it is one of these. */
  find(buf: Uint8Array, start: number, end: number): string | undefined {
    const group = this.#byLength[end - start]
    if (group === undefined) return undefined
    const at = group.at
    const key = buf[start + at]
    const candidates = group.bytes
    for (let c = 0; c < candidates.length; c++) {
      const bytes = candidates[c]!
      if (bytes[at] !== key) continue
      let i = 0
      while (i < bytes.length && buf[start + i] === bytes[i]) i++
      if (i === bytes.length) return group.names[c]
    }
    return undefined
  }
}
