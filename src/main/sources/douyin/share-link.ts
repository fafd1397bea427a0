import { SourceError } from '../source'

/** Douyin's short-link host; the `shareBase` option replaces it (tests point it at 127.0.0.1). */
export const DEFAULT_SHARE_BASE = 'https://v.douyin.com'

export interface ShareLinkOptions {
  /** Replaces `https://v.douyin.com` when a short link is followed. */
  base?: string
  timeoutMs?: number
  /** Redirects followed at most. */
  maxHops?: number
  signal?: AbortSignal
}

const ROOM_ID = /^[A-Za-z0-9_.-]{1,128}$/
/** live.douyin.com/<rid>, and douyin.com's own live pages (…/live/<rid>). */
const ROOM_URL =
  /^(?:https?:\/\/)?(?:live\.douyin\.com\/([A-Za-z0-9_.-]+)|(?:www\.)?douyin\.com\/(?:[\w-]+\/)*live\/([A-Za-z0-9_.-]+))/i
const SHORT_URL = /^(?:https?:\/\/)?v\.douyin\.com\/([A-Za-z0-9_-]{3,32})\/?/i

/** The first link in pasted text (share text wraps it in words: "【…的直播间】 https://v.douyin.com/x/ 复制…"). */
function firstLink(text: string): string | undefined {
  return /(?:https?:\/\/)?(?:[a-z0-9-]+\.)*douyin\.com\/[^\s，。！？、"'“”<>]*/i.exec(text)?.[0]
}

/** A room link or id as `douyin:` accepts it, or undefined. */
function roomFrom(link: string): string | undefined {
  const m = ROOM_URL.exec(link)
  if (m) return m[1] ?? m[2]
  try {
    const rid = new URL(link).searchParams.get('web_rid')
    if (rid && ROOM_ID.test(rid)) return rid
  } catch {
    // not a URL
  }
  return undefined
}

function refuse(code: string, input: string, message: string): never {
  throw new SourceError(code, message, { input: input.slice(0, 200) })
}

/**
 * What a streamer pasted → the room (`web_rid`) to read. Accepts a room number, a live.douyin.com
 * link, douyin.com's live pages and share text around any of them. A short link (v.douyin.com/…)
 * is followed on its own host, redirect by redirect (never its page content), until a room link
 * appears. Anything
 * else is refused with a code the UI turns into an explanation of what to paste.
 */
export async function resolveRoomInput(
  input: string,
  options: ShareLinkOptions = {}
): Promise<string> {
  const text = input.trim()
  if (ROOM_ID.test(text)) return text
  const link = firstLink(text)
  if (!link) {
    if (/复制|打开|抖音|口令/.test(text))
      refuse('share-text-no-link', text, 'the share text has no link in it; paste the room link')
    refuse('bad-room-url', text, `not a Douyin live room link or number: "${text.slice(0, 80)}"`)
  }
  const room = roomFrom(link)
  if (room) return room
  const short = SHORT_URL.exec(link)
  if (!short)
    refuse('not-a-room-link', link, `this Douyin link is not a live room: ${link.slice(0, 120)}`)
  return followShortLink(short[1]!, link, options)
}

async function followShortLink(code: string, link: string, o: ShareLinkOptions): Promise<string> {
  const base = (o.base ?? DEFAULT_SHARE_BASE).replace(/\/+$/, '')
  let url = `${base}/${code}/`
  for (let hop = 0; hop < (o.maxHops ?? 5); hop++) {
    let res: Response
    try {
      const signal = AbortSignal.any([
        AbortSignal.timeout(o.timeoutMs ?? 10_000),
        ...(o.signal ? [o.signal] : [])
      ])
      res = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { 'User-Agent': 'Mozilla/5.0', Accept: 'text/html' }
      })
      await res.body?.cancel()
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } }
      throw new SourceError(
        'share-link-network',
        `could not open the short link ${link}: ${e.cause?.code ?? e.message}`,
        { input: link, errno: e.name === 'TimeoutError' ? 'ETIMEDOUT' : (e.cause?.code ?? '') }
      )
    }
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || !location) break
    const next = new URL(location, url)
    const room = roomFrom(next.toString())
    if (room) return room
    // Only the short-link host's own hops are followed: a redirect elsewhere that names no room
    // (a profile, a video, the app's download page) will not become one further on.
    if (next.origin !== new URL(url).origin) break
    url = next.toString()
  }
  return refuse(
    'share-link-unresolved',
    link,
    `the short link ${link} does not lead to a live room page; paste the live.douyin.com link`
  )
}
