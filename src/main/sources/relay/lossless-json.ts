/**
 * JSON.parse that keeps integers beyond 2^53 exact, as decimal strings. BarrageGrab (Newtonsoft)
 * writes 64-bit ids as bare numbers; plain JSON.parse would round 7123456789012345678 to
 * 7123456789012345000. Node 20 has no JSON source-text access, so this is a small parser.
 * Throws SyntaxError on bad input; nesting is capped so hostile input cannot blow the stack.
 */
export function parseJsonLossless(text: string, maxDepth = 64): unknown {
  const p = new Parser(text, maxDepth)
  p.ws()
  const value = p.value(0)
  p.ws()
  if (p.i !== text.length) p.fail('trailing characters')
  return value
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

class Parser {
  i = 0
  constructor(
    readonly s: string,
    readonly maxDepth: number
  ) {}

  fail(why: string): never {
    throw new SyntaxError(`JSON: ${why} at ${this.i}`)
  }

  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++
  }

  value(depth: number): unknown {
    if (depth > this.maxDepth) this.fail('nested too deeply')
    const c = this.s[this.i]
    if (c === '{') return this.object(depth)
    if (c === '[') return this.array(depth)
    if (c === '"') return this.string()
    if (c === 't' && this.s.startsWith('true', this.i)) return ((this.i += 4), true)
    if (c === 'f' && this.s.startsWith('false', this.i)) return ((this.i += 5), false)
    if (c === 'n' && this.s.startsWith('null', this.i)) return ((this.i += 4), null)
    return this.number()
  }

  number(): number | string {
    NUMBER.lastIndex = this.i
    const m = NUMBER.exec(this.s)
    if (m === null || m[0] === '') this.fail('unexpected character')
    this.i += m[0].length
    const n = Number(m[0])
    const integer = !/[.eE]/.test(m[0])
    return integer && !Number.isSafeInteger(n) ? m[0] : n
  }

  string(): string {
    this.i++ // opening quote
    let out = ''
    let start = this.i
    for (;;) {
      const c = this.s.charCodeAt(this.i)
      if (Number.isNaN(c)) this.fail('unterminated string')
      if (c === 0x22) break
      if (c < 0x20) this.fail('control character in string')
      if (c !== 0x5c) {
        this.i++
        continue
      }
      out += this.s.slice(start, this.i)
      const e = this.s[this.i + 1]
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t'
      }
      if (e !== undefined && e in simple) {
        out += simple[e]
        this.i += 2
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
        out += String.fromCharCode(Number.parseInt(this.s.slice(this.i + 2, this.i + 6), 16))
        this.i += 6
      } else this.fail('bad escape')
      start = this.i
    }
    out += this.s.slice(start, this.i)
    this.i++ // closing quote
    return out
  }

  array(depth: number): unknown[] {
    this.i++
    const out: unknown[] = []
    this.ws()
    if (this.s[this.i] === ']') return (this.i++, out)
    for (;;) {
      this.ws()
      out.push(this.value(depth + 1))
      this.ws()
      const c = this.s[this.i++]
      if (c === ']') return out
      if (c !== ',') this.fail('expected , or ]')
    }
  }

  object(depth: number): Record<string, unknown> {
    this.i++
    const out: Record<string, unknown> = {}
    this.ws()
    if (this.s[this.i] === '}') return (this.i++, out)
    for (;;) {
      this.ws()
      if (this.s[this.i] !== '"') this.fail('expected a key')
      const key = this.string()
      this.ws()
      if (this.s[this.i++] !== ':') this.fail('expected :')
      this.ws()
      const v = this.value(depth + 1)
      // Own-property define: a "__proto__" key must not change the prototype.
      Object.defineProperty(out, key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true
      })
      this.ws()
      const c = this.s[this.i++]
      if (c === '}') return out
      if (c !== ',') this.fail('expected , or }')
    }
  }
}
