import { SourceError, waitOrAbort } from '../../source'
import { backoffDelay, type BackoffOptions } from '../../../../shared/backoff'
import type { FrameProcessor } from '../frame-processor'
import type { StatusBoard } from '../status-board'
import type { CaptureDriver } from './cdp'
import { capturePage, type CapturePageOptions } from './capture-page'
import type { Log } from '../../../../shared/log'

/** Page options plus relaunch policy. */
export interface CaptureOptions extends CapturePageOptions {
  backoff: BackoffOptions
  /** Give up after this many browser launches fail in a row. @default 3 */
  maxLaunchFailures: number
  random: () => number
}

/**
 * The page-capture connector: open the live page in a real browser and read its own push socket.
 * Relaunches the page (with backoff) when the browser goes away; resolves on live end or abort.
 */
export async function runCapture(
  driver: CaptureDriver,
  o: CaptureOptions,
  board: StatusBoard,
  processor: FrameProcessor,
  signal: AbortSignal,
  log: Log
): Promise<'ended' | 'aborted'> {
  board.connector = 'capture'
  let failures = 0
  let attempt = 0
  while (!signal.aborted) {
    board.set(attempt === 0 ? 'connecting' : 'reconnecting', board.reason, board.detail)
    let cdp
    try {
      cdp = await driver.open(signal)
    } catch (err) {
      if (signal.aborted) break
      // A driver that cannot exist here (its package missing) will not appear on a retry.
      if (err instanceof SourceError) {
        board.set('failed', err.code, err.message)
        throw err
      }
      const detail = `浏览器无法启动 could not start the capture browser (${driver.name}): ${(err as Error).message}`
      log('warn', `douyin capture: ${detail}`)
      if (++failures >= o.maxLaunchFailures) {
        board.set('failed', 'capture-unavailable', detail)
        throw new SourceError('capture-unavailable', detail)
      }
      board.set('reconnecting', 'capture-unavailable', detail)
      board.reconnects++
      await waitOrAbort(backoffDelay(++attempt, o.backoff, o.random), signal)
      continue
    }
    failures = 0
    log('info', `douyin capture: page opened with ${driver.name}`)
    let end
    try {
      end = await capturePage(cdp, o, board, processor, signal)
    } finally {
      await cdp.close().catch(() => undefined)
    }
    if (end === 'ended') {
      board.set('ended', 'live-ended', '直播已结束 the live has ended')
      return 'ended'
    }
    if (end === 'aborted') break
    board.reconnects++
    board.set(
      'reconnecting',
      board.reason ?? 'browser-closed',
      board.detail ?? '浏览器已关闭 the capture page closed; reopening'
    )
    await waitOrAbort(backoffDelay(++attempt, o.backoff, o.random), signal)
  }
  return 'aborted'
}
