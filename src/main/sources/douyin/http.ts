/** The network is unreachable, the host did not answer, or the request timed out. */
export class NetworkError extends Error {
  override name = 'NetworkError'
  constructor(
    message: string,
    /** The system's code (`ENOTFOUND`, `ECONNREFUSED`, `ETIMEDOUT`), for the UI's words. */
    readonly errno?: string
  ) {
    super(message)
  }
}

/** The parts of a response the resolver looks at. */
export interface HttpResponse {
  status: number
  url: string
  text: string
  contentType: string
  setCookies: string[]
}

/**
 * Largest body read from Douyin: a live page is ~1 MB and the enter API well under that. A server
 * that streams without end is cut off here, whatever its pace (the timeout alone let one grow to
 * gigabytes).
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024

/**
 * GET with a timeout that also honours the caller's abort signal, and a body cap. Network failures,
 * timeouts and oversized bodies → NetworkError.
 */
export async function httpGet(
  url: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; signal: AbortSignal; maxBytes?: number }
): Promise<HttpResponse> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
  let res: Response
  try {
    res = await fetch(url, { headers, signal, redirect: 'follow' })
  } catch (err) {
    throw new NetworkError(describe(err, url), errnoOf(err))
  }
  const text = await readCapped(res, url, signal, options.maxBytes ?? MAX_BODY_BYTES)
  return {
    status: res.status,
    url: res.url,
    text,
    contentType: res.headers.get('content-type') ?? '',
    setCookies: res.headers.getSetCookie()
  }
}

/** Reads the body as text, stopping (and cancelling the download) past `maxBytes` or on abort. */
async function readCapped(
  res: Response,
  url: string,
  signal: AbortSignal,
  maxBytes: number
): Promise<string> {
  if (!res.body) return ''
  // Node types a fetch body as ReadableStream<any>; it yields bytes.
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes)
        throw new NetworkError(`answer larger than ${maxBytes} bytes, cut off (${url})`)
      chunks.push(value)
    }
  } catch (err) {
    await reader.cancel().catch(() => {})
    if (err instanceof NetworkError) throw err
    throw new NetworkError(describe(err, url), errnoOf(err))
  } finally {
    reader.releaseLock()
  }
  return Buffer.concat(chunks, size).toString('utf8')
}

/** fetch wraps the socket's error: its code is on `cause`; a timeout has none of its own. */
function errnoOf(err: unknown): string | undefined {
  const e = err as Error & { cause?: { code?: unknown } }
  if (e.name === 'TimeoutError') return 'ETIMEDOUT'
  return typeof e.cause?.code === 'string' ? e.cause.code : undefined
}

function describe(err: unknown, url: string): string {
  const e = err as Error & { cause?: { code?: string; message?: string } }
  if (e.name === 'TimeoutError') return `timed out: ${url}`
  return `${e.cause?.code ?? e.cause?.message ?? e.message} (${url})`
}

/** Cookies by name; later values win. Enough for ttwid and friends, no paths or expiry. */
export class CookieJar {
  #cookies = new Map<string, string>()

  /** Adds a `Cookie:`-style string (`a=1; b=2`), e.g. the user's own login cookie. */
  addHeader(header: string): void {
    for (const part of header.split(';')) this.#put(part)
  }

  addSetCookies(lines: string[]): void {
    for (const line of lines) this.#put(line.split(';')[0] ?? '')
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name)
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  #put(pair: string): void {
    const eq = pair.indexOf('=')
    if (eq <= 0) return
    const name = pair.slice(0, eq).trim()
    if (name !== '') this.#cookies.set(name, pair.slice(eq + 1).trim())
  }
}
