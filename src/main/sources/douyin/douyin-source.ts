import type { LiveEvent } from '../../../shared/events'
import { SourceError, type LiveSource, type SourceContext } from '../source'
import type { BackoffOptions } from '../../../shared/backoff'
import type { CaptureDriver } from './capture/cdp'
import { runCapture } from './capture/capture-connector'
import { playwrightDriver } from './capture/playwright-driver'
import { runDirect } from './direct-connector'
import { DEFAULT_USER_AGENT, type DouyinEndpoints } from './endpoints'
import { FrameProcessor } from './frame-processor'
import { WasmInflater } from './wasm-inflate'
import { CookieJar } from './http'
import { StatusBoard, type LiveSourceStatus } from './status-board'

/** `direct` protocol only, page `capture` only, or `auto` (direct, then capture when blocked). */
export type DouyinMode = 'direct' | 'capture' | 'auto'

/** Everything tunable; tests shorten the timers. Defaults in DEFAULT_DOUYIN_TUNING. */
export interface DouyinTuning {
  userAgent: string
  /** The user's own cookie string (login), added to every request and the handshake. */
  cookie?: string
  heartbeatMs: number
  stallMs: number
  handshakeTimeoutMs: number
  httpTimeoutMs: number
  notLivePollMs: number
  backoff: BackoffOptions
  /** A connection must carry data this long before the backoff starts again from its base. */
  stableMs: number
  /** Auto mode: rejected handshakes in a row before switching to page capture. */
  rejectionsBeforeCapture: number
  /** Direct mode: rejected handshakes in a row before failing. */
  maxRejections: number
  /** Capture: reload if the page has no push socket this long after losing it. */
  captureReopenMs: number
  captureKeepAliveMs: number
  maxLaunchFailures: number
  /** Overrides the capture browser (the Electron app passes its webContents driver). */
  captureDriver?: CaptureDriver
  random: () => number
}

/** Production defaults: 10 s heartbeat, 60 s stall watchdog, 1–60 s backoff, capture after 3 rejections. */
export const DEFAULT_DOUYIN_TUNING: DouyinTuning = {
  userAgent: DEFAULT_USER_AGENT,
  heartbeatMs: 10_000,
  stallMs: 60_000,
  handshakeTimeoutMs: 15_000,
  httpTimeoutMs: 15_000,
  notLivePollMs: 30_000,
  // 1 s doubling to 60 s, plus up to 1 s so many clients do not reconnect in step.
  backoff: { baseMs: 1000, maxMs: 60_000, jitterMs: 1000 },
  stableMs: 30_000,
  rejectionsBeforeCapture: 3,
  maxRejections: 5,
  captureReopenMs: 15_000,
  captureKeepAliveMs: 60_000,
  maxLaunchFailures: 3,
  random: Math.random
}

/** Everything a DouyinSource needs, already validated by createDouyinSource(). */
export interface DouyinSourceConfig {
  webRid: string
  endpoints: DouyinEndpoints
  mode: DouyinMode
  browserPath: string
  tuning: DouyinTuning
}

/**
 * `douyin:<room>`: the direct protocol first; in `auto` mode, page capture after repeated rejected
 * handshakes. Emits raw SourceEvents (wrap with withNormalization; the factory does).
 */
export class DouyinSource implements LiveSource {
  readonly kind = 'douyin'
  readonly #board = new StatusBoard('douyin')
  #processor: FrameProcessor | undefined

  constructor(readonly config: DouyinSourceConfig) {}

  async run(ctx: SourceContext): Promise<void> {
    const { config } = this
    const t = config.tuning
    const board = this.#board
    const emit = (event: LiveEvent) => {
      if (ctx.signal.aborted) return
      board.event(event.type)
      ctx.emit(event)
    }
    const processor = new FrameProcessor(emit, Date.now, undefined, (err) => {
      board.decodeError(err.kind)
      if (board.decodeErrors <= 5)
        ctx.log('warn', `douyin: skipped a bad frame (${err.kind}): ${err.message}`)
    })
    this.#processor = processor
    const noWasm = WasmInflater.unavailable()
    if (noWasm !== undefined)
      ctx.log('warn', `douyin: frames inflate with zlib, more slowly (no WebAssembly: ${noWasm})`)
    const cookies = new CookieJar()
    if (t.cookie !== undefined) cookies.addHeader(t.cookie)
    const capture = () =>
      runCapture(
        t.captureDriver ?? playwrightDriver({ executablePath: config.browserPath }),
        {
          pageUrl: `${config.endpoints.base}/${encodeURIComponent(config.webRid)}`,
          stallMs: t.stallMs,
          reopenMs: t.captureReopenMs,
          keepAliveMs: t.captureKeepAliveMs,
          backoff: t.backoff,
          maxLaunchFailures: t.maxLaunchFailures,
          random: t.random
        },
        board,
        processor,
        ctx.signal,
        ctx.log
      )

    if (config.mode === 'capture') {
      await capture()
      return
    }
    const maxRejections = config.mode === 'auto' ? t.rejectionsBeforeCapture : t.maxRejections
    const result = await runDirect(
      { ...t, webRid: config.webRid, endpoints: config.endpoints, maxRejections },
      { board, processor, cookies, emit, log: ctx.log },
      ctx.signal
    )
    if (result.kind !== 'blocked') return
    if (config.mode === 'direct') {
      board.set('failed', result.reason, `${result.message}; try --douyin-mode capture`)
      throw new SourceError(
        result.reason,
        `Douyin keeps refusing the connection (${result.message}). Try capture mode.`
      )
    }
    ctx.log(
      'warn',
      `douyin: direct connection blocked (${result.message}); switching to page capture`
    )
    await capture()
  }

  status(): LiveSourceStatus {
    this.#board.ignoredMessages = this.#processor?.counters.ignoredMessages ?? 0
    return this.#board.snapshot()
  }
}
