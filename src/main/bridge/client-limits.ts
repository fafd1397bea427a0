/**
 * Per-link limits of the local bridge: how much one page (or one misbehaving script holding the
 * token) can ask for, so no client can starve the app or fill its memory.
 */
export interface BridgeLimits {
  /**
   * Largest single message (the WebSocket maxPayload). Sized for the largest valid command: a
   * settings patch with 2,000 blocked words and 3 × 5,000 user entries, every character escaped
   * as `\uXXXX`, is about 8 MiB.
   */
  maxMessageBytes: number
  /** Commands per link: a burst of this many, then `commandsPerSecond`. */
  commandBurst: number
  commandsPerSecond: number
  /** Bytes per link: a burst of this many, then `bytesPerSecond`; beyond it the link is closed. */
  byteBurst: number
  bytesPerSecond: number
  /** Commands of one link running at once; more are answered `rate-limited`. */
  maxInFlight: number
  /** Dashboard links open at once; more are refused (503). */
  maxControlClients: number
  /** Overlay links open at once (OBS scenes, browser sources). */
  maxOverlayClients: number
}

export const DEFAULT_BRIDGE_LIMITS: BridgeLimits = {
  maxMessageBytes: 12 * 1024 * 1024,
  commandBurst: 200,
  commandsPerSecond: 50,
  byteBurst: 40 * 1024 * 1024,
  bytesPerSecond: 8 * 1024 * 1024,
  maxInFlight: 64,
  maxControlClients: 64,
  maxOverlayClients: 256
}

/** A token bucket: `capacity` at once, refilled at `perSecond`. */
export class TokenBucket {
  #tokens: number
  #at: number

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = Date.now
  ) {
    this.#tokens = capacity
    this.#at = now()
  }

  /** Takes `n` tokens if there are that many; false (and nothing taken) otherwise. */
  take(n = 1): boolean {
    const now = this.now()
    this.#tokens = Math.min(
      this.capacity,
      this.#tokens + ((now - this.#at) / 1000) * this.perSecond
    )
    this.#at = now
    if (this.#tokens < n) return false
    this.#tokens -= n
    return true
  }
}

/** What to do with one incoming message of a link. */
export type Admission = 'run' | 'refuse' | 'close'

/** One link's budget: commands (refused when over) and bytes (the link is closed when over). */
export class ClientBudget {
  readonly #commands: TokenBucket
  readonly #bytes: TokenBucket
  #inFlight = 0
  #refusedInARow = 0

  constructor(
    private readonly limits: BridgeLimits,
    now: () => number = Date.now
  ) {
    this.#commands = new TokenBucket(limits.commandBurst, limits.commandsPerSecond, now)
    this.#bytes = new TokenBucket(limits.byteBurst, limits.bytesPerSecond, now)
  }

  /** Judges a message of `bytes` bytes before it is even parsed. */
  admit(bytes: number): Admission {
    if (!this.#bytes.take(bytes)) return 'close'
    if (this.#inFlight < this.limits.maxInFlight && this.#commands.take()) {
      this.#refusedInARow = 0
      return 'run'
    }
    // A client that ignores two whole bursts of refusals is not a page; stop listening to it.
    return ++this.#refusedInARow > 2 * this.limits.commandBurst ? 'close' : 'refuse'
  }

  begin(): void {
    this.#inFlight++
  }

  end(): void {
    this.#inFlight--
  }
}
