import { randomDigits, SDK_VERSION } from './endpoints'

/** The per-connection values of the push URL. */
export interface PushParams {
  roomId: string
  userUniqueId: string
  userAgent: string
  cursor: string
  internalExt: string
  signature: string
}

/** Synthesised `cursor` / `internal_ext` for a first connect (douyin-protocol.md §1.4 defaults). */
export function initialCursor(
  roomId: string,
  userUniqueId: string,
  now: number,
  random: () => number
) {
  return {
    cursor: `d-1_u-1_fh-${randomDigits(19, random)}_t-${now}_r-1`,
    internalExt:
      `internal_src:dim|wss_push_room_id:${roomId}|wss_push_did:${userUniqueId}|first_req_ms:${now}` +
      `|fetch_time:${now}|seq:1|wss_info:0-${now}-0-0|wrds_v:${randomDigits(19, random)}`
  }
}

/** The query in browser key order (douyin-protocol.md §1.6), `signature` last. */
export function pushQueryPairs(p: PushParams): [string, string][] {
  return [
    ['app_name', 'douyin_web'],
    ['version_code', '180800'],
    ['webcast_sdk_version', SDK_VERSION],
    ['update_version_code', SDK_VERSION],
    ['compress', 'gzip'],
    ['device_platform', 'web'],
    ['cookie_enabled', 'true'],
    ['screen_width', '1920'],
    ['screen_height', '1080'],
    ['browser_language', 'zh-CN'],
    ['browser_platform', 'Win32'],
    ['browser_name', 'Mozilla'],
    ['browser_version', p.userAgent.replace(/^Mozilla\//, '')],
    ['browser_online', 'true'],
    ['tz_name', 'Asia/Shanghai'],
    ['cursor', p.cursor],
    ['internal_ext', p.internalExt],
    ['host', 'https://live.douyin.com'],
    ['aid', '6383'],
    ['live_id', '1'],
    ['did_rule', '3'],
    ['endpoint', 'live_pc'],
    ['support_wrds', '1'],
    ['user_unique_id', p.userUniqueId],
    ['im_path', '/webcast/im/fetch/'],
    ['identity', 'audience'],
    ['need_persist_msg_count', '15'],
    ['insert_task_id', ''],
    ['live_reason', ''],
    ['room_id', p.roomId],
    ['heartbeatDuration', '0'],
    ['signature', p.signature]
  ]
}

/** Characters a browser leaves raw in a query (`| : / , ; ( ) +` are common in these values). */
const RAW = /%(7C|3A|2F|2C|3B|28|29|2B|40)/gi

/** Escapes like a browser's URL parser: spaces as %20, the characters above left as they are. */
export function browserEscape(value: string): string {
  return encodeURIComponent(value).replace(RAW, (m) => decodeURIComponent(m))
}

/** The full push URL: base (before `?`) plus the browser-ordered, browser-escaped query. */
export function buildPushUrl(pushUrl: string, p: PushParams): string {
  const query = pushQueryPairs(p)
    .map(([k, v]) => `${k}=${browserEscape(v)}`)
    .join('&')
  return `${pushUrl}?${query}`
}

/** Splits a raw query the way the push server must: `+` is a literal plus here, not a space. */
export function parseRawQuery(query: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of query.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const key = eq === -1 ? part : part.slice(0, eq)
    const value = eq === -1 ? '' : part.slice(eq + 1)
    try {
      out.set(decodeURIComponent(key), decodeURIComponent(value))
    } catch {
      out.set(key, value)
    }
  }
  return out
}
