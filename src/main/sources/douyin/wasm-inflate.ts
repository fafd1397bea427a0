import { INFLATE_WASM_BASE64 } from './inflate-wasm-bytes'

/** What src/wasm/module.ts exports. */
interface InflateExports {
  memory: { buffer: ArrayBuffer }
  inputAt(): number
  outputAt(): number
  inputCapacity(): number
  outputCapacity(): number
  inflate(length: number, cap: number): number
  scanConfigAt(): number
  setKinds(n: number): number
  tapeAt(): number
  tapeCapacity(): number
  scan(at: number, size: number): number
}

/** A method the Response scan maps: its name (ASCII) and its field table's slots. */
export interface ScanKind {
  name: string
  slots: Uint8Array
}

// src/wasm/scan-config.ts's layout: per kind, 128 bytes: the name's length and up to 32
// bytes of it, then the slots' count and up to 94 slots.
const KIND_STRIDE = 128
const NAME_MAX = 32
const SLOTS_AT = 1 + NAME_MAX + 1

/** The part of the WebAssembly JS API used here (our Node lib has no DOM types that declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: unknown }
}

/**
 * Raw DEFLATE in WebAssembly (src/wasm/inflate.ts), and the scan of an inflated Response
 * (src/wasm/webcast-scan.ts): one instance per thread, made on first use.
 * The compressed bytes are copied into its memory; the result is a view of it, which the next call
 * overwrites (gunzip.ts copies it unless its caller reads it first).
 */
export class WasmInflater {
  readonly inputCapacity: number
  readonly outputCapacity: number
  /** The module's memory: results are read from it, at `outputAt`. */
  readonly memory: Buffer
  readonly outputAt: number
  /** Where the Response scan writes its tape (layout in response-tape.ts), and for how many messages. */
  readonly tapeAt: number
  readonly tapeCapacity: number
  readonly #exports: InflateExports
  readonly #input: number

  private constructor(exports: InflateExports) {
    this.inputCapacity = exports.inputCapacity()
    this.outputCapacity = exports.outputCapacity()
    this.#exports = exports
    // The module never grows its memory (it allocates nothing), so this view stays valid.
    this.memory = Buffer.from(exports.memory.buffer)
    this.#input = exports.inputAt()
    this.outputAt = exports.outputAt()
    this.tapeAt = exports.tapeAt()
    this.tapeCapacity = exports.tapeCapacity()
  }

  static #instance: WasmInflater | null | undefined
  static #unavailable: string | undefined

  /** This thread's inflater; undefined where WebAssembly cannot run (a `--jitless` process). */
  static get(): WasmInflater | undefined {
    if (WasmInflater.#instance === undefined) {
      const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly
      try {
        if (api === undefined) throw new Error('this process has no WebAssembly')
        const module = new api.Module(Buffer.from(INFLATE_WASM_BASE64, 'base64'))
        const { exports } = new api.Instance(module, {})
        WasmInflater.#instance = new WasmInflater(exports as InflateExports)
      } catch (err) {
        WasmInflater.#instance = null
        WasmInflater.#unavailable = err instanceof Error ? err.message : String(err)
      }
    }
    return WasmInflater.#instance ?? undefined
  }

  /**
   * Why this thread has no inflater (every payload then goes to zlib: the same results, ~3× the
   * inflate time), or undefined when it has one. For the log: nothing else would say it.
   */
  static unavailable(): string | undefined {
    WasmInflater.get()
    return WasmInflater.#unavailable
  }

  /**
   * Inflates the raw DEFLATE stream in bytes start..end of `src`, at most `cap` bytes: a view of
   * the result in this inflater's memory, valid until its next call; undefined when the stream is
   * malformed, does not end exactly at `end`, does not fit, or is larger than this inflater takes.
   */
  inflate(src: Uint8Array, start: number, end: number, cap: number): Buffer | undefined {
    const size = this.inflateInPlace(src, start, end, cap)
    return size < 0 ? undefined : this.memory.subarray(this.outputAt, this.outputAt + size)
  }

  /**
   * Tells the Response scan which methods it maps, and how (see ScanKind); false when they do not
   * fit its configuration (the scan is then not used).
   */
  configureScan(kinds: readonly ScanKind[]): boolean {
    // The count first: the module refuses more kinds than its configuration region holds.
    if (this.#exports.setKinds(kinds.length) === 0) return false
    const at = this.#exports.scanConfigAt()
    for (const [k, kind] of kinds.entries()) {
      const name = Buffer.from(kind.name, 'latin1')
      if (name.length > NAME_MAX || kind.slots.length > KIND_STRIDE - SLOTS_AT) {
        this.#exports.setKinds(0)
        return false
      }
      const entry = at + k * KIND_STRIDE
      this.memory[entry] = name.length
      this.memory.set(name, entry + 1)
      this.memory[entry + SLOTS_AT - 1] = kind.slots.length
      this.memory.set(kind.slots, entry + SLOTS_AT)
    }
    return true
  }

  /**
   * Scans the last result's first `size` bytes as a Response onto the tape (webcast-scan.ts): the
   * number of messages, or -1 when the JavaScript decoder must read it.
   */
  scanResult(size: number): number {
    try {
      return this.#exports.scan(this.outputAt, size)
    } catch {
      return -1
    }
  }

  /**
   * As `inflate`, but the result stays where it is, bytes outputAt..outputAt + size of `memory`,
   * and only its size is returned (-1 where `inflate` gives undefined): no view is made for it.
   */
  inflateInPlace(src: Uint8Array, start: number, end: number, cap: number): number {
    const length = end - start
    if (length > this.inputCapacity || cap > this.outputCapacity) return -1
    this.memory.set(new Uint8Array(src.buffer, src.byteOffset + start, length), this.#input)
    try {
      return this.#exports.inflate(length, cap)
    } catch {
      // A trap (an out-of-bounds access) would be a bug here, not bad input: zlib still decides.
      return -1
    }
  }
}
