import { createHash } from 'node:crypto'
import { NORMAL_RATE_WPM } from './call-scope'

/**
 * The Edge read-aloud WebSocket protocol, as pure functions (the client and the test server share
 * them). Text messages are `Header:value` lines, a blank line, then the body. Binary messages start
 * with a 2-byte big-endian header length, then the header lines, then the body (audio).
 */

/** Text message paths the service sends, in order: turn.start, response, audio.metadata…, turn.end. */
export const EDGE_PATHS = {
  speechConfig: 'speech.config',
  ssml: 'ssml',
  turnStart: 'turn.start',
  turnEnd: 'turn.end',
  response: 'response',
  audio: 'audio',
  audioMetadata: 'audio.metadata'
} as const

/** Seconds between 1601-01-01 (Windows file time epoch) and 1970-01-01. */
const WINDOWS_EPOCH_OFFSET_S = 11_644_473_600n

/**
 * The `Sec-MS-GEC` token the service has required since 2024: SHA-256 (upper-case hex) of the
 * Windows file time (100 ns ticks), rounded down to 5 minutes, followed by the trusted client token.
 */
export function secMsGec(nowMs: number, trustedClientToken: string): string {
  const seconds = BigInt(Math.floor(nowMs / 1000)) + WINDOWS_EPOCH_OFFSET_S
  const ticks = (seconds - (seconds % 300n)) * 10_000_000n
  return createHash('sha256')
    .update(`${ticks}${trustedClientToken}`, 'ascii')
    .digest('hex')
    .toUpperCase()
}

/** The connect URL: the configured endpoint plus the token, GEC and a fresh connection id. */
export function edgeConnectUrl(
  base: string,
  p: { token: string; gec: string; gecVersion: string; connectionId: string }
): string {
  const url = new URL(base)
  url.searchParams.set('TrustedClientToken', p.token)
  url.searchParams.set('Sec-MS-GEC', p.gec)
  url.searchParams.set('Sec-MS-GEC-Version', p.gecVersion)
  url.searchParams.set('ConnectionId', p.connectionId)
  return url.toString()
}

/** Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF); the service rejects them. */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;'
}

/**
 * Escapes comment text (or an attribute value) for SSML: markup characters become entities, so
 * `</voice><voice name=…>` or `]]>` are read as text; characters XML cannot carry become spaces.
 */
export function escapeSsml(text: string): string {
  return text.replace(XML_INVALID, ' ').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!)
}

/** `rate` in words per minute as SSML prosody rate relative to normal, e.g. 175 → `+0%`, 350 → `+100%`. */
export function prosodyRate(rate: number): string {
  const percent =
    Number.isFinite(rate) && rate > 0 ? Math.round((rate / NORMAL_RATE_WPM - 1) * 100) : 0
  const clamped = Math.max(-90, Math.min(200, percent))
  return `${clamped >= 0 ? '+' : ''}${clamped}%`
}

/** What one SSML document carries; pitch and volume are already validated by the settings schema. */
export interface SsmlOptions {
  voice: string
  text: string
  rate: number
  pitch: string
  volume: string
}

/** One SSML document: a single voice and prosody around the escaped text. */
export function buildSsml(o: SsmlOptions): string {
  const lang = /^[a-z]{2,3}-[A-Z]{2}/.exec(o.voice)?.[0] ?? 'en-US'
  return (
    `<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='${escapeSsml(lang)}'>` +
    `<voice name='${escapeSsml(o.voice)}'>` +
    `<prosody pitch='${escapeSsml(o.pitch)}' rate='${prosodyRate(o.rate)}' volume='${escapeSsml(o.volume)}'>` +
    `${escapeSsml(o.text)}</prosody></voice></speak>`
  )
}

/** The service's timestamp style, e.g. `Mon Jan 02 2006 15:04:05 GMT+0000 (Coordinated Universal Time)`. */
export function edgeTimestamp(date: Date): string {
  const [day, dd, month, yyyy] = date.toUTCString().replace(',', '').split(' ')
  const time = date.toISOString().slice(11, 19)
  return `${day} ${month} ${dd} ${yyyy} ${time} GMT+0000 (Coordinated Universal Time)`
}

/** The first message on a connection: which audio format to stream back. */
export function speechConfigMessage(outputFormat: string, timestamp: string): string {
  const config = {
    context: {
      synthesis: {
        audio: {
          metadataoptions: { sentenceBoundaryEnabled: 'false', wordBoundaryEnabled: 'false' },
          outputFormat
        }
      }
    }
  }
  return `X-Timestamp:${timestamp}\r\nContent-Type:application/json; charset=utf-8\r\nPath:${EDGE_PATHS.speechConfig}\r\n\r\n${JSON.stringify(config)}`
}

/** The synthesis request for one utterance. */
export function ssmlMessage(requestId: string, ssml: string, timestamp: string): string {
  return `X-RequestId:${requestId}\r\nContent-Type:application/ssml+xml\r\nX-Timestamp:${timestamp}Z\r\nPath:${EDGE_PATHS.ssml}\r\n\r\n${ssml}`
}

/** A parsed message: header names as sent (`Path`, `X-RequestId`, …) and the body. */
export interface EdgeMessage<Body> {
  headers: Record<string, string>
  body: Body
}

function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return headers
}

/** Parses a text message; a message without the blank line is all headers. */
export function parseTextMessage(data: string): EdgeMessage<string> {
  const split = data.indexOf('\r\n\r\n')
  if (split < 0) return { headers: parseHeaderLines(data), body: '' }
  return { headers: parseHeaderLines(data.slice(0, split)), body: data.slice(split + 4) }
}

/** Parses a binary message, or returns undefined when its header length does not fit. */
export function parseBinaryMessage(data: Uint8Array): EdgeMessage<Uint8Array> | undefined {
  if (data.byteLength < 2) return undefined
  const headerLength = (data[0]! << 8) | data[1]!
  if (2 + headerLength > data.byteLength) return undefined
  const headers = parseHeaderLines(new TextDecoder().decode(data.subarray(2, 2 + headerLength)))
  return { headers, body: data.subarray(2 + headerLength) }
}

/** Builds a binary message (the service's audio frames; used by the test server). */
export function encodeBinaryMessage(headers: Record<string, string>, body: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(
    Object.entries(headers)
      .map(([k, v]) => `${k}:${v}\r\n`)
      .join('')
  )
  if (head.byteLength > 0xffff) throw new RangeError('header block too long')
  const out = new Uint8Array(2 + head.byteLength + body.byteLength)
  out[0] = head.byteLength >> 8
  out[1] = head.byteLength & 0xff
  out.set(head, 2)
  out.set(body, 2 + head.byteLength)
  return out
}
