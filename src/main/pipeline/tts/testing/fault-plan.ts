/**
 * How a test server answers the next request:
 * - `ok`: the whole audio at once.
 * - `hang`: accept the request and never answer (the client's timeout must fire).
 * - `status`: refuse with an HTTP status (for the Edge server: at the WebSocket handshake).
 * - `truncate`: `drop` cuts the connection halfway through the audio; `short` ends cleanly after
 *   half the audio (a WAV header then promises more than arrives; Edge: no turn.end).
 * - `garbage`: bytes that are not audio, labelled as audio.
 * - `slow`: the audio in `chunkBytes` pieces, `delayMs` apart.
 * - `no-audio`: a complete, well-formed answer without any audio (Edge: turn.end straight away).
 */
export type FaultMode =
  | { kind: 'ok' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'truncate'; how: 'drop' | 'short' }
  | { kind: 'garbage' }
  | { kind: 'slow'; chunkBytes: number; delayMs: number }
  | { kind: 'no-audio' }

/** A default mode plus a queue of one-shot modes, consumed one per request. */
export class FaultPlan {
  #default: FaultMode = { kind: 'ok' }
  readonly #queue: FaultMode[] = []

  /** Every later request (after any queued ones) gets `mode`. */
  set(mode: FaultMode): this {
    this.#default = mode
    return this
  }

  /** The next requests get these modes, in order. */
  queue(...modes: FaultMode[]): this {
    this.#queue.push(...modes)
    return this
  }

  next(): FaultMode {
    return this.#queue.shift() ?? this.#default
  }
}

/** Deterministic bytes that are neither WAV nor MP3 (a fixed text prefix, then an LCG). */
export function garbageBytes(length: number, seed = 12345): Uint8Array {
  const out = new Uint8Array(length)
  const prefix = new TextEncoder().encode('this is not audio ')
  out.set(prefix.subarray(0, Math.min(length, prefix.byteLength)))
  let x = seed >>> 0
  for (let i = prefix.byteLength; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    out[i] = x >>> 24
  }
  return out
}

/** Timers a server set, so `close()` can cancel them all (no leaked handles between tests). */
export class TimerSet {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>()

  after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      fn()
    }, ms)
    this.#timers.add(timer)
  }

  /** Resolves after `ms`, unless cleared first (then it never resolves; the caller is being torn down). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve))
  }

  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }
}
