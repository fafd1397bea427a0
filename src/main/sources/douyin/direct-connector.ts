import type { LiveEvent } from '../../../shared/events'
import { SourceError, waitOrAbort } from '../source'
import { backoffDelay, type BackoffOptions } from '../../../shared/backoff'
import type { DouyinEndpoints } from './endpoints'
import { randomUserUniqueId } from './endpoints'
import type { FrameProcessor } from './frame-processor'
import type { CookieJar } from './http'
import { runPushSession, type PushSessionOptions, type SessionEnd } from './push-session'
import { buildPushUrl, initialCursor } from './push-url'
import { ResolveError, RoomResolver, type RoomInfo } from './room-resolver'
import { Signer } from './signature'
import type { StatusBoard } from './status-board'
import type { LogLevel } from '../../../shared/log'

/** Tuning and endpoints for the direct connector (see DouyinTuning for defaults). */
export interface DirectOptions extends PushSessionOptions {
  webRid: string
  endpoints: DouyinEndpoints
  userAgent: string
  httpTimeoutMs: number
  backoff: BackoffOptions
  /**
   * A connection must stay up with data this long before the backoff resets: a server that sends
   * one frame and drops must not get a reconnect (and a page fetch) every second forever.
   */
  stableMs: number
  /** How often to look again while the room is not live yet. @default 30000 */
  notLivePollMs: number
  /** Consecutive rejected handshakes before giving up on direct (auto mode then captures). */
  maxRejections: number
  random: () => number
}

/** `blocked`: handshakes kept being rejected; the caller decides (fall back to capture, or fail). */
export type DirectResult =
  { kind: 'ended' } | { kind: 'aborted' } | { kind: 'blocked'; reason: string; message: string }

/** What the direct connector reports into and emits through; owned by DouyinSource. */
export interface DirectDeps {
  board: StatusBoard
  processor: FrameProcessor
  cookies: CookieJar
  emit(event: LiveEvent): void
  log(level: LogLevel, message: string): void
}

/**
 * The direct protocol connector: resolve the room, sign, connect, and keep reconnecting with
 * backoff (re-resolving each time, since room_id changes per broadcast) until the live ends.
 */
export async function runDirect(
  o: DirectOptions,
  d: DirectDeps,
  signal: AbortSignal
): Promise<DirectResult> {
  const resolver = new RoomResolver(o.endpoints, d.cookies, {
    userAgent: o.userAgent,
    timeoutMs: o.httpTimeoutMs,
    random: o.random
  })
  const signer = new Signer(o.random)
  const fallbackUid = randomUserUniqueId(o.random)
  let attempt = 0
  let rejections = 0
  let hostIndex = 0
  let wasLive = false
  let resume: { roomId: string; cursor: string; internalExt: string } | undefined
  const b = d.board
  b.connector = 'direct'

  while (!signal.aborted) {
    let room: RoomInfo
    try {
      room = await resolver.resolve(o.webRid, signal)
    } catch (err) {
      if (signal.aborted) break
      if (!(err instanceof ResolveError)) throw err
      if (err.kind === 'not-found') {
        b.set('failed', 'room-not-found', err.message)
        throw new SourceError('room-not-found', err.message)
      }
      b.set('reconnecting', err.kind === 'network' ? 'network' : 'risk-control', err.message)
      b.errno = err.errno
      d.log('warn', `douyin: ${err.message}`)
      // A failed attempt is a reconnect too, or the count stays at 0 through a whole outage.
      b.reconnects++
      await waitOrAbort(backoffDelay(++attempt, o.backoff, o.random), signal)
      continue
    }
    b.roomId = room.roomId || b.roomId
    b.roomTitle = room.title ?? b.roomTitle
    b.anchor = room.anchor ?? b.anchor
    if (!room.live) {
      if (wasLive && room.status !== 3) {
        // We lost the socket and the room has since gone offline: that is the end of this live.
        d.emit(endEvent(b.roomId ?? o.webRid))
        b.set('ended', 'live-ended', '直播已结束 the live has ended')
        return { kind: 'ended' }
      }
      b.set(
        wasLive ? 'reconnecting' : 'connecting',
        'not-live',
        `未开播 ${o.webRid} is not live; checking again soon`
      )
      d.log('info', `douyin: ${b.detail}`)
      await waitOrAbort(o.notLivePollMs, signal)
      continue
    }

    const uid = room.userUniqueId ?? fallbackUid
    if (resume?.roomId !== room.roomId)
      resume = { roomId: room.roomId, ...initialCursor(room.roomId, uid, Date.now(), o.random) }
    const pushUrl = o.endpoints.pushUrls[hostIndex % o.endpoints.pushUrls.length]!
    const url = buildPushUrl(pushUrl, {
      roomId: room.roomId,
      userUniqueId: uid,
      userAgent: o.userAgent,
      cursor: resume.cursor,
      internalExt: resume.internalExt,
      signature: signer.sign({ roomId: room.roomId, userUniqueId: uid, sdkVersion: '1.0.15' })
    })
    const headers = {
      'User-Agent': o.userAgent,
      Origin: o.endpoints.base,
      Referer: `${o.endpoints.base}/${o.webRid}`,
      Cookie: d.cookies.header(),
      'Accept-Language': 'zh-CN,zh;q=0.9'
    }
    if (attempt > 0 || wasLive) b.set('reconnecting', b.reason, b.detail)
    else b.set('connecting')
    let gotData = false
    let openedAt = Date.now()
    const end: SessionEnd = await runPushSession(url, headers, o, signal, {
      onOpen: () => {
        openedAt = Date.now()
        wasLive = true
        b.set('live')
        d.log('info', `douyin: connected to room ${room.roomId} (${room.title ?? o.webRid})`)
      },
      onFrame: (bytes) => {
        b.frame()
        const outcome = d.processor.processFrame(bytes)
        if (!gotData) {
          gotData = true
          rejections = 0
        }
        if (outcome.cursor !== undefined) resume!.cursor = outcome.cursor
        if (outcome.internalExt !== undefined) resume!.internalExt = outcome.internalExt
        return outcome
      }
    })
    if (end.kind === 'aborted') break
    if (gotData && Date.now() - openedAt >= o.stableMs) attempt = 0
    if (end.kind === 'ended') {
      b.set('ended', 'live-ended', '直播已结束 the live has ended')
      return { kind: 'ended' }
    }
    const [reason, detail] = describeEnd(end, o)
    b.set('reconnecting', reason, detail)
    b.errno = end.kind === 'network' ? end.errno : undefined
    d.log('warn', `douyin: ${detail}`)
    // A socket that opens and dies before any data is the same symptom as a rejection (1006 loops
    // under IP risk control, protocol §1.7), so it counts toward the capture fallback too.
    if (end.kind === 'rejected' || (end.kind === 'dropped' && !gotData)) {
      rejections++
      hostIndex++
      if (rejections >= o.maxRejections) return { kind: 'blocked', reason, message: detail }
    }
    b.reconnects++
    await waitOrAbort(backoffDelay(++attempt, o.backoff, o.random), signal)
  }
  return { kind: 'aborted' }
}

function describeEnd(
  end: Exclude<SessionEnd, { kind: 'ended' | 'aborted' }>,
  o: DirectOptions
): [string, string] {
  switch (end.kind) {
    case 'rejected':
      return end.handshakeMsg === 'DEVICE_BLOCKED'
        ? ['DEVICE_BLOCKED', `握手被拒 handshake rejected: ${end.message}`]
        : ['handshake-rejected', `握手被拒 handshake rejected: ${end.message}`]
    case 'network':
      return ['network', `网络不可用 cannot reach the push server: ${end.message}`]
    case 'stalled':
      return ['stalled', `连接无数据 no data for ${Math.ceil(o.stallMs / 1000)} s; reconnecting`]
    case 'dropped':
      return ['dropped', `连接断开 connection dropped (${end.code}); reconnecting`]
  }
}

/** The `end` event for a live we found offline after losing the socket (no ControlMessage seen). */
function endEvent(roomId: string): LiveEvent {
  return { type: 'end', id: `end-${roomId}`, ts: Date.now(), roomId, content: '直播已结束' }
}
