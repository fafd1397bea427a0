import { SourceError } from '../source'
import type { DouyinOptions } from './douyin-options'

/** Desktop Chrome on Windows: mobile UAs get redirected, and `browser_version` is this minus `Mozilla/`. */
export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36'

/** `webcast_sdk_version` (2026 value); it goes into both the URL and the signature stub. */
export const SDK_VERSION = '1.0.15'

/** The live site; the `base` option replaces it (tests point it at 127.0.0.1). */
export const DEFAULT_BASE = 'https://live.douyin.com'

/** The current push hosts (douyin-protocol.md §1.6). Rotated after a rejected handshake. */
export const DEFAULT_PUSH_URLS = ['hl', 'lq', 'lf'].map(
  (dc) => `wss://webcast100-ws-web-${dc}.douyin.com/webcast/im/push/v2/`
)

/** Where the connectors go; built by endpointsFrom(). */
export interface DouyinEndpoints {
  /** Replaces https://live.douyin.com (no trailing slash). */
  base: string
  /** Push URLs before the query string; tried in turn. */
  pushUrls: string[]
}

/** Reads `base` / `ws` from the Douyin options, validating them. */
export function endpointsFrom(options: Pick<DouyinOptions, 'base' | 'ws'> = {}): DouyinEndpoints {
  const base = (options.base ?? DEFAULT_BASE).replace(/\/+$/, '')
  if (!/^https?:\/\/[^/]+/.test(base)) {
    throw new SourceError('bad-douyin-base', `douyinBase must be an http(s) URL, got "${base}"`, {
      url: base
    })
  }
  const ws = options.ws
  if (ws !== undefined && !/^wss?:\/\/[^/]+/.test(ws)) {
    throw new SourceError('bad-douyin-ws', `douyinWs must be a ws(s) URL, got "${ws}"`, { url: ws })
  }
  return { base, pushUrls: ws !== undefined ? [ws.split('?')[0]!] : DEFAULT_PUSH_URLS }
}

/**
 * `douyin:<live URL | web_rid>` → web_rid. Accepts `https://live.douyin.com/80017709309`,
 * `live.douyin.com/80017709309?x=1`, a bare number, or a Douyin ID (抖音号).
 */
export function parseWebRid(arg: string): string {
  const text = arg.trim()
  const fromUrl = /^(?:https?:\/\/)?live\.douyin\.com\/([^/?#]+)/i.exec(text)
  const rid = fromUrl !== null ? fromUrl[1]! : text
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(rid)) {
    throw new SourceError(
      'bad-room-url',
      `douyin needs a live room URL or id, e.g. douyin:https://live.douyin.com/80017709309 (got "${arg}")`,
      { input: arg.slice(0, 200) }
    )
  }
  return rid
}

/** n random decimal digits as a string (never a JS number: these are 64-bit ids). */
export function randomDigits(n: number, random: () => number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += String(Math.floor(random() * 10))
  return s
}

/** A web device id in [7300000000000000000, 7999999999999999999], as OrdinaryRoad and renmu make. */
export function randomUserUniqueId(random: () => number): string {
  return `7${3 + Math.floor(random() * 7)}${randomDigits(17, random)}`
}
