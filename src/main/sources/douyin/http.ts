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

/** GET with a timeout that also honours the caller's abort signal. Network failures → NetworkError. */
export async function httpGet(
  url: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; signal: AbortSignal }
): Promise<HttpResponse> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
  let res: Response
  try {
    res = await fetch(url, { headers, signal, redirect: 'follow' })
  } catch (err) {
    throw new NetworkError(describe(err, url), errnoOf(err))
  }
  let text: string
  try {
    text = await res.text()
  } catch (err) {
    throw new NetworkError(describe(err, url), errnoOf(err))
  }
  return {
    status: res.status,
    url: res.url,
    text,
    contentType: res.headers.get('content-type') ?? '',
    setCookies: res.headers.getSetCookie()
  }
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
