import { DisposableStore, toDisposable } from '../../../../shared/lifecycle'
import type { FrameProcessor } from '../frame-processor'
import { decodeResponse, FrameDecodeError } from '../frames'
import { parseLivePage } from '../page-state'
import type { StatusBoard } from '../status-board'
import type { CdpSession } from './cdp'
import { keepAliveScript } from './keep-alive'

/** The page to open and the capture timers. */
export interface CapturePageOptions {
  pageUrl: string
  /** No push frame for this long → reload the page. @default 60000 */
  stallMs: number
  /** After the push socket closes, reload if the page has not opened a new one by then. @default 15000 */
  reopenMs: number
  /** Keep-alive keystroke interval. @default 60000 */
  keepAliveMs: number
}

/** How watching a page ended: live over, stopped, or page/browser gone (relaunch). */
export type PageEnd = 'ended' | 'aborted' | 'closed'

const PUSH_PATH = '/webcast/im/push/'
const FETCH_PATH = '/webcast/im/fetch/'
/** Largest `im/fetch` body read: real ones are a few KB. */
const MAX_FETCH_BYTES = 8 * 1024 * 1024

/**
 * Watches one open page: decodes the push socket's binary frames (and `im/fetch` bodies, the page's
 * polling fallback) from CDP Network events. The page itself signs, ACKs and heartbeats; we only
 * keep it awake, and reload it when it stalls or loses its socket for good.
 */
export function capturePage(
  cdp: CdpSession,
  o: CapturePageOptions,
  board: StatusBoard,
  processor: FrameProcessor,
  signal: AbortSignal
): Promise<PageEnd> {
  return new Promise((resolve) => {
    const store = new DisposableStore()
    const sockets = new Set<string>()
    const fetches = new Set<string>()
    let lastDataAt = Date.now()
    let reopenTimer: NodeJS.Timeout | undefined
    let settled = false
    const finish = (end: PageEnd) => {
      if (settled) return
      settled = true
      clearTimeout(reopenTimer)
      store.dispose()
      resolve(end)
    }
    const reload = (reason: string, detail: string) => {
      board.reconnects++
      board.set('reconnecting', reason, detail)
      lastDataAt = Date.now()
      cdp.send('Page.reload', { ignoreCache: true }).catch(() => finish('closed'))
    }

    if (signal.aborted) return finish('aborted')
    const onAbort = () => finish('aborted')
    signal.addEventListener('abort', onAbort, { once: true })
    store.add(toDisposable(() => signal.removeEventListener('abort', onAbort)))
    store.add(cdp.onClose(() => finish('closed')))

    store.add(
      cdp.onEvent((method, p) => {
        const id = typeof p.requestId === 'string' ? p.requestId : ''
        switch (method) {
          case 'Network.webSocketCreated':
            if (typeof p.url === 'string' && p.url.includes(PUSH_PATH)) {
              sockets.add(id)
              clearTimeout(reopenTimer)
            }
            return
          case 'Network.webSocketHandshakeResponseReceived': {
            if (!sockets.has(id)) return
            const res = p.response as
              { status?: number; headers?: Record<string, string> } | undefined
            if (res?.status === 101) board.set('live')
            else
              board.set(
                'reconnecting',
                'DEVICE_BLOCKED',
                `页面握手被拒 page handshake rejected: ${res?.headers?.['handshake-msg'] ?? res?.status}`
              )
            return
          }
          case 'Network.webSocketFrameReceived': {
            const res = p.response as { opcode?: number; payloadData?: string } | undefined
            // CDP: opcode 2 = binary, payloadData is then base64.
            if (!sockets.has(id) || res?.opcode !== 2 || typeof res.payloadData !== 'string') return
            lastDataAt = Date.now()
            board.frame()
            if (board.state !== 'live') board.set('live')
            const outcome = processor.processFrame(Buffer.from(res.payloadData, 'base64'))
            if (outcome.ended) finish('ended')
            return
          }
          case 'Network.webSocketClosed':
            if (!sockets.delete(id)) return
            board.set(
              'reconnecting',
              'dropped',
              '连接断开 the page lost its socket; waiting for it to reconnect'
            )
            clearTimeout(reopenTimer)
            reopenTimer = setTimeout(() => {
              if (sockets.size === 0)
                reload('dropped', '连接断开 the page did not reconnect; reloading')
            }, o.reopenMs)
            return
          case 'Network.responseReceived': {
            const res = p.response as { url?: string } | undefined
            if (String(res?.url ?? '').includes(FETCH_PATH)) fetches.add(id)
            return
          }
          case 'Network.loadingFinished':
            if (!fetches.delete(id)) return
            // Never ask the browser for a body larger than any real poll answer.
            if (Number(p.encodedDataLength ?? 0) > MAX_FETCH_BYTES) return void tooLarge()
            void readFetchBody(id)
            return
          case 'Page.loadEventFired':
            void readRoomInfo()
            return
        }
      })
    )

    const readFetchBody = async (id: string) => {
      try {
        const r = (await cdp.send('Network.getResponseBody', { requestId: id })) as {
          body: string
          base64Encoded: boolean
        }
        const bytes = r.base64Encoded
          ? Buffer.from(r.body, 'base64')
          : Buffer.from(r.body, 'latin1')
        if (bytes.length > MAX_FETCH_BYTES) return tooLarge()
        if (bytes.length === 0 || settled) return
        lastDataAt = Date.now()
        board.frame()
        if (processor.processResponse(decodeResponse(bytes)).ended) finish('ended')
      } catch (err) {
        if (!settled) processor.countError(err)
      }
    }

    const tooLarge = () =>
      processor.countError(
        new FrameDecodeError(
          'oversized',
          `an im/fetch body over ${MAX_FETCH_BYTES} bytes was skipped`
        )
      )

    const readRoomInfo = async () => {
      try {
        const r = (await cdp.send('Runtime.evaluate', {
          expression: 'document.documentElement.outerHTML',
          returnByValue: true
        })) as { result?: { value?: unknown } }
        if (typeof r.result?.value !== 'string') return
        const room = parseLivePage(r.result.value)
        if (room.roomId !== undefined) board.roomId = room.roomId
        if (room.title !== undefined) board.roomTitle = room.title
        if (room.anchor !== undefined) board.anchor = room.anchor
        if (room.status !== undefined && room.status !== 2 && board.state !== 'live') {
          board.set('connecting', 'not-live', '未开播 the room is not live; the page is waiting')
        }
      } catch {
        // Room info is a nicety; capture works without it.
      }
    }

    const watch = setInterval(
      () => {
        if (Date.now() - lastDataAt > o.stallMs)
          reload(
            'stalled',
            `连接无数据 no data for ${Math.ceil(o.stallMs / 1000)} s; reloading the page`
          )
      },
      Math.max(10, Math.min(1000, o.stallMs / 4))
    )
    store.add(toDisposable(() => clearInterval(watch)))

    void (async () => {
      const optional = (method: string, params: Record<string, unknown> = {}) =>
        cdp.send(method, params).catch(() => undefined)
      try {
        await cdp.send('Network.enable')
        await cdp.send('Page.enable')
        await optional('Page.addScriptToEvaluateOnNewDocument', {
          source: keepAliveScript(o.keepAliveMs)
        })
        await optional('Emulation.setFocusEmulationEnabled', { enabled: true })
        await optional('Page.setWebLifecycleState', { state: 'active' })
        const nav = (await cdp.send('Page.navigate', { url: o.pageUrl })) as { errorText?: string }
        if (nav.errorText) {
          board.set('reconnecting', 'network', `网络不可用 the page did not load: ${nav.errorText}`)
          finish('closed')
        }
      } catch (err) {
        if (!settled)
          board.set(
            'reconnecting',
            'network',
            `页面打开失败 could not open the page: ${(err as Error).message}`
          )
        finish('closed')
      }
    })()
  })
}
