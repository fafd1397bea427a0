import type { DouyinEndpoints } from './endpoints'
import { CookieJar, httpGet, NetworkError, type HttpResponse } from './http'
import { parseLivePage } from './page-state'

/** What we know about the room after resolution. */
export interface RoomInfo {
  webRid: string
  /** Per-broadcast 19-digit id (changes every time the anchor goes live). */
  roomId: string
  live: boolean
  status: number
  title?: string
  anchor?: string
  userUniqueId?: string
  via: 'page' | 'api'
}

/** Why resolution failed: each maps to its own status reason. */
export type ResolveFailure = 'not-found' | 'network' | 'blocked'

/** Resolution failed: the room does not exist, the network is down, or Douyin served a challenge. */
export class ResolveError extends Error {
  override name = 'ResolveError'
  constructor(
    readonly kind: ResolveFailure,
    message: string,
    /** For `network`: the system's code (`ENOTFOUND`…). */
    readonly errno?: string
  ) {
    super(message)
  }
}

/** UA (the same for every request), request timeout, and randomness for msToken. */
export interface ResolverOptions {
  userAgent: string
  timeoutMs: number
  random: () => number
}

/**
 * web_rid → room_id and live status (douyin-protocol.md §1.2–1.3): ttwid from the home page, then
 * the live page's SSR state, then `/webcast/room/web/enter/` when the page carries no state.
 */
export class RoomResolver {
  constructor(
    readonly endpoints: DouyinEndpoints,
    readonly cookies: CookieJar,
    readonly options: ResolverOptions
  ) {}

  /** GET / for `ttwid` (and whatever else it sets). Skipped once we have one. */
  async ensureCookies(signal: AbortSignal): Promise<void> {
    if (this.cookies.get('ttwid') !== undefined) return
    const res = await this.#get(`${this.endpoints.base}/`, {}, signal)
    this.cookies.addSetCookies(res.setCookies)
  }

  async resolve(webRid: string, signal: AbortSignal): Promise<RoomInfo> {
    await this.ensureCookies(signal)
    const pageUrl = `${this.endpoints.base}/${encodeURIComponent(webRid)}`
    let page = await this.#get(pageUrl, pageHeaders(this.endpoints.base), signal)
    if (page.status === 404 || page.status === 410)
      throw new ResolveError('not-found', `直播间不存在 room ${webRid} not found`)
    let room = parseLivePage(page.text)
    if (!room.hasState && page.setCookies.length > 0) {
      // A JS challenge page sets __ac_nonce; asking again with it usually yields the real page (dycast).
      page = await this.#get(pageUrl, pageHeaders(this.endpoints.base), signal)
      room = parseLivePage(page.text)
    }
    if (room.roomId !== undefined && room.status !== undefined) {
      const info: RoomInfo = {
        webRid,
        roomId: room.roomId,
        status: room.status,
        live: room.status === 2,
        via: 'page'
      }
      if (room.title !== undefined) info.title = room.title
      if (room.anchor !== undefined) info.anchor = room.anchor
      if (room.userUniqueId !== undefined) info.userUniqueId = room.userUniqueId
      return info
    }
    return this.#enterApi(webRid, signal, room.userUniqueId)
  }

  async #enterApi(webRid: string, signal: AbortSignal, userUniqueId?: string): Promise<RoomInfo> {
    const url = `${this.endpoints.base}/webcast/room/web/enter/?${enterQuery(webRid, this.options)}`
    const res = await this.#get(
      url,
      { Referer: `${this.endpoints.base}/${webRid}`, Accept: 'application/json' },
      signal
    )
    if (res.status === 404 || res.status === 410)
      throw new ResolveError('not-found', `直播间不存在 room ${webRid} not found`)
    const info = parseEnterResponse(webRid, res.text)
    if (info === undefined) {
      throw new ResolveError(
        'blocked',
        `风控/验证 Douyin served no room data (HTTP ${res.status}); try again later or use capture mode`
      )
    }
    if (userUniqueId !== undefined) info.userUniqueId = userUniqueId
    return info
  }

  async #get(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal
  ): Promise<HttpResponse> {
    const all: Record<string, string> = {
      'User-Agent': this.options.userAgent,
      'Accept-Language': 'zh-CN,zh;q=0.9',
      ...headers
    }
    const cookie = this.cookies.header()
    if (cookie !== '') all.Cookie = cookie
    try {
      const res = await httpGet(url, all, { timeoutMs: this.options.timeoutMs, signal })
      this.cookies.addSetCookies(res.setCookies)
      return res
    } catch (err) {
      if (err instanceof NetworkError)
        throw new ResolveError('network', `网络不可用 network down: ${err.message}`, err.errno)
      throw err
    }
  }
}

function pageHeaders(base: string): Record<string, string> {
  return {
    Referer: `${base}/`,
    Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'sec-ch-ua-mobile': '?0',
    'sec-ch-ua-platform': '"Windows"'
  }
}

/** jwwsjlm's key order; `a_bogus` is left out (we do not compute it; whether it is required is [U]). */
function enterQuery(webRid: string, o: ResolverOptions): string {
  const token = Array.from({ length: 107 }, () =>
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charAt(
      Math.floor(o.random() * 64)
    )
  ).join('')
  const browserVersion = /Chrome\/([\d.]+)/.exec(o.userAgent)?.[1] ?? '134.0.0.0'
  return new URLSearchParams([
    ['aid', '6383'],
    ['app_name', 'douyin_web'],
    ['live_id', '1'],
    ['device_platform', 'web'],
    ['language', 'zh-CN'],
    ['enter_from', 'web_live'],
    ['cookie_enabled', 'true'],
    ['screen_width', '1920'],
    ['screen_height', '1080'],
    ['browser_language', 'zh-CN'],
    ['browser_platform', 'Win32'],
    ['browser_name', 'Chrome'],
    ['browser_version', browserVersion],
    ['os_name', 'Windows'],
    ['os_version', '10'],
    ['web_rid', webRid],
    ['room_id_str', ''],
    ['enter_source', ''],
    ['is_need_double_stream', 'false'],
    ['insert_task_id', ''],
    ['live_reason', ''],
    ['msToken', token]
  ]).toString()
}

/**
 * Reads a `web/enter` body: `data.data[0].{id_str,status,title}`, `data.user.nickname` (the anchor),
 * `data.room_status` (0 live, 2 ended). Returns undefined when the body has no room data at all.
 */
export function parseEnterResponse(webRid: string, body: string): RoomInfo | undefined {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return undefined
  }
  const j = json as { status_code?: number; data?: EnterData }
  if (j.status_code === 30003) return { webRid, roomId: '', live: false, status: 4, via: 'api' }
  const data = j.data
  const room = Array.isArray(data?.data) ? data.data[0] : undefined
  if (data === undefined || data === null || (room === undefined && data.user === undefined))
    return undefined
  const status = typeof room?.status === 'number' ? room.status : data.room_status === 0 ? 2 : 4
  const info: RoomInfo = {
    webRid,
    roomId: typeof room?.id_str === 'string' ? room.id_str : String(data.enter_room_id ?? ''),
    status,
    live: status === 2 && data.room_status !== 2,
    via: 'api'
  }
  if (typeof room?.title === 'string') info.title = room.title
  const anchor = data.user?.nickname ?? room?.owner?.nickname
  if (typeof anchor === 'string') info.anchor = anchor
  return info
}

interface EnterData {
  data?: { id_str?: string; status?: number; title?: string; owner?: { nickname?: string } }[]
  enter_room_id?: string
  room_status?: number
  user?: { nickname?: string }
}
