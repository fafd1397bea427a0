import { concatBytes } from './audio-decoding'
import { abortedError, SpeechEngineError } from './speech-error'

/** A complete HTTP answer with a 2xx status. */
export interface HttpAnswer {
  status: number
  /** Lower-cased media type without parameters, e.g. `audio/wav`; empty when absent. */
  contentType: string
  body: Uint8Array
}

/** One request: method, headers, body and the signal that bounds the whole exchange. */
export interface HttpRequest {
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  signal: AbortSignal
  /** Larger answers are refused rather than buffered. @default 64 MiB */
  maxBytes?: number
}

/**
 * One HTTP exchange for a speech engine, with every failure turned into a SpeechEngineError: refused
 * connections and dropped bodies are `network`, non-2xx is `http` (with the server's words), and the
 * signal (timeout or cancel) covers the whole body, so a server that streams slowly is cut off too.
 */
export async function httpRequest(
  engine: string,
  url: string,
  request: HttpRequest
): Promise<HttpAnswer> {
  const { signal } = request
  let res: Response
  try {
    res = await fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'follow'
    })
  } catch (err) {
    if (signal.aborted) throw abortedError(engine, signal)
    throw new SpeechEngineError(
      engine,
      'network',
      `cannot reach ${originOf(url)}: ${causeText(err)}`,
      { cause: err }
    )
  }
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const body = await readBody(engine, res, signal, request.maxBytes ?? 64 * 1024 * 1024)
  if (!res.ok) {
    const words = new TextDecoder().decode(body.subarray(0, 300)).replace(/\s+/g, ' ').trim()
    throw new SpeechEngineError(engine, 'http', `HTTP ${res.status}${words ? `: ${words}` : ''}`, {
      status: res.status
    })
  }
  return { status: res.status, contentType, body }
}

async function readBody(
  engine: string,
  res: Response,
  signal: AbortSignal,
  maxBytes: number
): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0)
  // Node types a fetch body as ReadableStream<any>; it yields bytes.
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        throw new SpeechEngineError(engine, 'bad-audio', `answer larger than ${maxBytes} bytes`)
      }
      chunks.push(value)
    }
  } catch (err) {
    await reader.cancel().catch(() => {})
    if (err instanceof SpeechEngineError) throw err
    if (signal.aborted) throw abortedError(engine, signal)
    throw new SpeechEngineError(
      engine,
      'network',
      `connection dropped mid-answer, audio truncated after ${size} bytes: ${causeText(err)}`,
      { cause: err }
    )
  } finally {
    reader.releaseLock()
  }
  return concatBytes(chunks)
}

/** `scheme://host:port` only: error words must not echo query strings (they may hold text or keys). */
function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'the server'
  }
}

/** undici reports "fetch failed" and puts the useful part (ECONNREFUSED…) in `cause`. */
function causeText(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const cause = err.cause
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code
    return code ? `${code} ${cause.message}` : cause.message
  }
  return err.message
}
