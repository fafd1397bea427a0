import { abortedError, SpeechEngineError } from '../tts/engines/speech-error'
import type { ChatMessage } from './reply-prompt'

/**
 * One OpenAI-compatible chat-completions call, streamed (server-sent events) or not.
 *
 * Why this runs on the main thread and not in a worker: the call is network I/O that Node's own
 * HTTP client (undici, behind `fetch`) does asynchronously, off the event loop; what is left for
 * the main thread is splitting a few small SSE lines and `JSON.parse` of deltas of a few dozen
 * bytes, bounded by MAX_BYTES per answer and by the reply length (the stream is cut once enough
 * text has arrived). A worker would add a thread hop and a structured clone per reply for no gain.
 *
 * Every failure is a SpeechEngineError of engine `ai`, so the resilience rules of the online
 * speech engines apply unchanged: `network`/`protocol`/5xx/429 are retried, other 4xx are not,
 * a timeout (the caller's signal) is not.
 */

/** Answers larger than this are refused (a reply is a sentence or two). */
const MAX_BYTES = 256 * 1024
const ENGINE = 'ai'

export interface ChatRequest {
  endpoint: string
  apiKey: string
  model: string
  messages: ChatMessage[]
  stream: boolean
  /** Stop reading once this many characters of answer have arrived. */
  maxChars: number
  signal: AbortSignal
}

/** `…/v1` → `…/v1/chat/completions`; a URL already ending so is kept. */
export function chatCompletionsUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '')
  return /\/chat\/completions$/.test(base) ? base : `${base}/chat/completions`
}

/** The model's answer text (possibly longer than `maxChars`: the caller cuts it). */
export async function chatCompletion(request: ChatRequest): Promise<string> {
  const { signal } = request
  const url = chatCompletionsUrl(request.endpoint)
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: request.stream ? 'text/event-stream' : 'application/json',
        ...(request.apiKey ? { authorization: `Bearer ${request.apiKey}` } : {})
      },
      body: JSON.stringify({
        model: request.model,
        messages: request.messages,
        stream: request.stream,
        // A generous token budget: Chinese runs ~1–2 tokens per character.
        max_tokens: Math.max(32, request.maxChars * 3),
        temperature: 0.7
      }),
      signal,
      redirect: 'error'
    })
  } catch (err) {
    if (signal.aborted) throw abortedError(ENGINE, signal)
    throw new SpeechEngineError(ENGINE, 'network', `cannot reach ${originOf(url)}: ${cause(err)}`)
  }
  if (!res.ok) {
    const words = await readText(res, signal, 2000).catch(() => '')
    const brief = words.replace(/\s+/g, ' ').trim().slice(0, 200)
    throw new SpeechEngineError(ENGINE, 'http', `HTTP ${res.status}${brief ? `: ${brief}` : ''}`, {
      status: res.status
    })
  }
  const type = (res.headers.get('content-type') ?? '').toLowerCase()
  if (type.includes('text/event-stream')) return readStream(res, request.maxChars, signal)
  return parseCompletion(await readText(res, signal, MAX_BYTES))
}

/** A whole (non-streamed) answer: `choices[0].message.content`. */
export function parseCompletion(body: string): string {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    throw protocol('the answer is not JSON')
  }
  const content = (json as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]
    ?.message?.content
  if (typeof content !== 'string') throw protocol('no choices[0].message.content in the answer')
  return content
}

/**
 * Server-sent events: `data: {json}` lines, each with `choices[0].delta.content`, ended by
 * `data: [DONE]` (or the end of the body). Comments, other fields and empty deltas are skipped;
 * a data line that is not JSON is a protocol error.
 */
async function readStream(res: Response, maxChars: number, signal: AbortSignal): Promise<string> {
  if (!res.body) throw protocol('empty stream')
  // Node types a fetch body as ReadableStream<any>; it yields bytes.
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let pending = ''
  let text = ''
  let bytes = 0
  let events = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.byteLength
      if (bytes > MAX_BYTES) throw protocol(`stream larger than ${MAX_BYTES} bytes`)
      pending += decoder.decode(value, { stream: true })
      let newline: number
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).replace(/\r$/, '')
        pending = pending.slice(newline + 1)
        if (!line.startsWith('data:')) continue
        const data = line.slice(5).trim()
        if (data === '[DONE]') return finish(text, events)
        text += deltaOf(data)
        events++
        if ([...text].length >= maxChars) return text
      }
      if (pending.length > 64 * 1024) throw protocol('an event line longer than 64 KiB')
    }
  } catch (err) {
    if (err instanceof SpeechEngineError) throw err
    if (signal.aborted) throw abortedError(ENGINE, signal)
    throw new SpeechEngineError(ENGINE, 'network', `stream broke: ${cause(err)}`)
  } finally {
    // Done early (enough text, [DONE]) or failed: stop the server's stream either way.
    void reader.cancel().catch(() => {})
  }
  return finish(text, events)
}

function finish(text: string, events: number): string {
  if (events === 0) throw protocol('the stream carried no data events')
  return text
}

function deltaOf(data: string): string {
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    throw protocol('a stream event is not JSON')
  }
  const choice = (json as { choices?: { delta?: { content?: unknown } }[] })?.choices?.[0]
  const content = choice?.delta?.content
  return typeof content === 'string' ? content : ''
}

async function readText(res: Response, signal: AbortSignal, maxBytes: number): Promise<string> {
  if (!res.body) return ''
  // Node types a fetch body as ReadableStream<any>; it yields bytes.
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let out = ''
  let bytes = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.byteLength
      if (bytes > maxBytes) throw protocol(`answer larger than ${maxBytes} bytes`)
      out += decoder.decode(value, { stream: true })
    }
  } catch (err) {
    if (err instanceof SpeechEngineError) throw err
    if (signal.aborted) throw abortedError(ENGINE, signal)
    throw new SpeechEngineError(ENGINE, 'network', `connection dropped mid-answer: ${cause(err)}`)
  } finally {
    void reader.cancel().catch(() => {})
  }
  return out + decoder.decode()
}

function protocol(message: string): SpeechEngineError {
  return new SpeechEngineError(ENGINE, 'protocol', message)
}

/** `scheme://host:port` only: error words must not echo paths or keys. */
function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'the server'
  }
}

function cause(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const c = err.cause
  if (c instanceof Error) {
    const code = (c as NodeJS.ErrnoException).code
    return code ? `${code} ${c.message}` : c.message
  }
  return err.message
}
