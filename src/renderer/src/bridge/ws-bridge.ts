import type {
  BridgeClientMessage,
  BridgeServerMessage,
  CommandArgs,
  CommandName,
  CommandResults,
  EventName,
  Events,
  Result
} from '../../../shared/ipc/contract'
import { backoffDelay, type BackoffOptions } from '../../../shared/backoff'
import { LINK_DOWN, type AppBridge, type LinkState } from './types'

/** The part of the DOM WebSocket this client uses (a fake stands in for it in tests). */
export interface SocketLike {
  readonly readyState: number
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

/** Options of WsBridge; all but `url` exist for tests. */
export interface WsBridgeOptions {
  /** `ws://host/bridge?token=…` */
  url: string
  /** @default (url) => new WebSocket(url) */
  openSocket?: (url: string) => SocketLike
  backoff?: Partial<BackoffOptions>
  /** A command with no reply after this long fails (connect may take a while: it opens the room). @default 60000 */
  invokeTimeoutMs?: number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

const OPEN = 1
/**
 * Reconnect delays: a local server usually comes back within a second, so the first retries are
 * quick; 20 % jitter so many tabs do not retry in lockstep.
 */
const RECONNECT: BackoffOptions = { baseMs: 250, maxMs: 5000, jitterShare: 0.2 }

interface Pending {
  resolve: (result: Result<unknown>) => void
  timer: unknown
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'failed', message } }
}

/**
 * Browser-mode transport: the contract over one WebSocket to the local DanmuVoice server.
 * Reconnects with backoff for as long as the page is open; commands sent while the link is down
 * fail at once with LINK_DOWN rather than firing late, when the moment has passed (a late "skip"
 * would skip the wrong line).
 */
export class WsBridge implements AppBridge {
  readonly transport = 'ws' as const
  #link: LinkState = 'connecting'
  #socket: SocketLike | undefined
  #attempt = 0
  #retryTimer: unknown
  #closed = false
  #nextId = 1
  readonly #pending = new Map<number, Pending>()
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>()
  readonly #linkListeners = new Set<(state: LinkState) => void>()
  readonly #open: (url: string) => SocketLike
  readonly #setTimer: (fn: () => void, ms: number) => unknown
  readonly #clearTimer: (handle: unknown) => void

  constructor(private readonly options: WsBridgeOptions) {
    this.#open = options.openSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike)
    this.#setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
    this.#clearTimer =
      options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
    this.#connect()
  }

  get link(): LinkState {
    return this.#link
  }

  invoke<C extends CommandName>(name: C, args: CommandArgs<C>): Promise<Result<CommandResults[C]>> {
    const socket = this.#socket
    if (this.#link !== 'open' || !socket || socket.readyState !== OPEN)
      return Promise.resolve(failure(LINK_DOWN))
    const id = this.#nextId++
    const message: BridgeClientMessage = { type: 'invoke', id, name, args }
    return new Promise((resolve) => {
      const timer = this.#setTimer(() => {
        this.#pending.delete(id)
        resolve(failure('timeout'))
      }, this.options.invokeTimeoutMs ?? 60_000)
      this.#pending.set(id, { resolve: resolve as Pending['resolve'], timer })
      socket.send(JSON.stringify(message))
    })
  }

  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.#listeners.get(name)
    if (!set) this.#listeners.set(name, (set = new Set()))
    set.add(listener)
    return () => void set.delete(listener)
  }

  onLink(listener: (state: LinkState) => void): () => void {
    this.#linkListeners.add(listener)
    return () => void this.#linkListeners.delete(listener)
  }

  close(): void {
    this.#closed = true
    this.#clearTimer(this.#retryTimer)
    const socket = this.#socket
    this.#socket = undefined
    socket?.close(1000, 'closed by the page')
    this.#failPending()
    this.#setLink('down')
  }

  #connect(): void {
    if (this.#closed) return
    let socket: SocketLike
    try {
      socket = this.#open(this.options.url)
    } catch {
      this.#scheduleRetry()
      return
    }
    this.#socket = socket
    socket.onopen = () => {
      if (socket !== this.#socket) return
      this.#attempt = 0
      this.#setLink('open')
    }
    socket.onmessage = (ev) => {
      if (socket === this.#socket) this.#receive(ev.data)
    }
    // An error is always followed by close; close does the work.
    socket.onerror = () => {}
    socket.onclose = () => {
      if (socket !== this.#socket) return
      this.#socket = undefined
      this.#failPending()
      this.#setLink('down')
      this.#scheduleRetry()
    }
  }

  #scheduleRetry(): void {
    if (this.#closed) return
    this.#attempt++
    this.#retryTimer = this.#setTimer(
      () => this.#connect(),
      backoffDelay(this.#attempt, { ...RECONNECT, ...this.options.backoff })
    )
  }

  #receive(data: unknown): void {
    let message: BridgeServerMessage
    try {
      message = JSON.parse(String(data)) as BridgeServerMessage
    } catch {
      return
    }
    if (message?.type === 'result') {
      const pending = this.#pending.get(message.id)
      if (!pending) return
      this.#pending.delete(message.id)
      this.#clearTimer(pending.timer)
      pending.resolve(message.result)
    } else if (message?.type === 'event') {
      for (const listener of [...(this.#listeners.get(message.name) ?? [])]) {
        try {
          listener(message.payload as never)
        } catch (err) {
          // One broken view must not stop the others from updating.
          console.error('bridge listener failed:', err)
        }
      }
    }
  }

  #failPending(): void {
    for (const [id, pending] of this.#pending) {
      this.#clearTimer(pending.timer)
      this.#pending.delete(id)
      pending.resolve(failure(LINK_DOWN))
    }
  }

  #setLink(state: LinkState): void {
    if (state === this.#link) return
    this.#link = state
    for (const listener of [...this.#linkListeners]) listener(state)
  }
}
