import type { AudioClip } from '../../../../shared/speech'
import { convertClip } from '../../../../shared/pcm'
import { encodeWav } from '../../../../shared/wav-format'
import { startHttpAudioServer, type HttpAudioServer, type RouteAnswer } from './http-audio-server'
import { speechClip } from './test-audio'

/** Options of {@link startGptSovitsServer}. */
export interface GptSovitsServerOptions {
  /** The speech for `text`. @default real espeak-ng speech ({@link speechClip}) */
  speak?: (text: string) => Promise<AudioClip>
  /** Sample rate of `media_type=raw` answers (v2 models: 32 kHz). @default 32000 */
  rawSampleRate?: number
}

const error = (message: string): RouteAnswer => ({
  status: 400,
  contentType: 'application/json',
  body: new TextEncoder().encode(JSON.stringify({ message, Exception: message }))
})

/**
 * A GPT-SoVITS api_v2-like server: `GET /tts?…` or `POST /tts` (JSON), fields `text, text_lang,
 * ref_audio_path, prompt_text, prompt_lang, media_type (wav|raw), speed_factor`. Missing fields get
 * api_v2's 400 JSON answer. Records every request; faults via `plan`.
 */
export function startGptSovitsServer(
  options: GptSovitsServerOptions = {}
): Promise<HttpAudioServer> {
  const speak = options.speak ?? ((text: string) => speechClip(text))
  const rawRate = options.rawSampleRate ?? 32_000
  return startHttpAudioServer(async (req) => {
    if (new URL(req.url, 'http://x').pathname !== '/tts')
      return { ...error(`no route ${req.url}`), status: 404 }
    let params: Record<string, unknown>
    if (req.method === 'POST') {
      try {
        params = JSON.parse(req.body) as Record<string, unknown>
      } catch {
        return error('body is not JSON')
      }
    } else {
      params = Object.fromEntries(req.query)
    }
    const text = params.text
    if (typeof text !== 'string' || !text) return error('text is required')
    if (typeof params.text_lang !== 'string' || !params.text_lang)
      return error('text_lang is required')
    const mediaType = params.media_type ?? 'wav'
    if (mediaType !== 'wav' && mediaType !== 'raw')
      return error(`media_type ${JSON.stringify(mediaType)} not supported here`)
    const speed = Number(params.speed_factor ?? 1)
    if (!(speed > 0)) return error('speed_factor must be positive')
    const clip = await speak(text)
    if (mediaType === 'wav') return { status: 200, contentType: 'audio/wav', body: encodeWav(clip) }
    return {
      status: 200,
      contentType: 'audio/raw',
      body: convertClip(clip, { sampleRate: rawRate, channels: 1, bitDepth: 16 }).pcm
    }
  })
}
