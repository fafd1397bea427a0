import type { AudioClip } from '../../../../shared/speech'
import { convertClip } from '../../../../shared/pcm'
import { encodeWav } from '../../../../shared/wav-format'
import { startHttpAudioServer, type HttpAudioServer, type RouteAnswer } from './http-audio-server'
import { speechClip } from './test-audio'

/** Options of {@link startOpenAiSpeechServer}. */
export interface OpenAiSpeechServerOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  apiKey?: string
  /** The speech for `input`. @default real espeak-ng speech ({@link speechClip}) */
  speak?: (text: string) => Promise<AudioClip>
}

const encoder = new TextEncoder()
const error = (status: number, message: string): RouteAnswer => ({
  status,
  contentType: 'application/json',
  body: encoder.encode(JSON.stringify({ error: { message, type: 'invalid_request_error' } }))
})

/**
 * An OpenAI-compatible speech server: `POST /v1/audio/speech` with `{model, input, voice,
 * response_format, speed}`. Validates like the real API (400 with a JSON error), answers `wav`
 * (RIFF) or `pcm` (24 kHz s16le mono), and records every request. Faults via `plan`.
 */
export function startOpenAiSpeechServer(
  options: OpenAiSpeechServerOptions = {}
): Promise<HttpAudioServer> {
  const speak = options.speak ?? ((text: string) => speechClip(text))
  return startHttpAudioServer(async (req) => {
    if (req.method !== 'POST' || new URL(req.url, 'http://x').pathname !== '/v1/audio/speech')
      return error(404, `no route ${req.method} ${req.url}`)
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`)
      return error(401, 'Incorrect API key provided')
    let body: Record<string, unknown>
    try {
      body = JSON.parse(req.body) as Record<string, unknown>
    } catch {
      return error(400, 'body is not JSON')
    }
    const { model, input, voice, response_format: format = 'mp3', speed = 1 } = body
    if (typeof model !== 'string' || !model) return error(400, 'model is required')
    if (typeof input !== 'string' || !input) return error(400, 'input is required')
    if (typeof voice !== 'string' || !voice) return error(400, 'voice is required')
    if (typeof speed !== 'number' || speed < 0.25 || speed > 4)
      return error(400, 'speed must be between 0.25 and 4')
    if (format !== 'wav' && format !== 'pcm')
      return error(400, `this test server speaks wav and pcm, not ${String(format)}`)
    const clip = await speak(input)
    if (format === 'wav') return { status: 200, contentType: 'audio/wav', body: encodeWav(clip) }
    const pcm = convertClip(clip, { sampleRate: 24_000, channels: 1, bitDepth: 16 })
    return { status: 200, contentType: 'audio/pcm', body: pcm.pcm }
  })
}
