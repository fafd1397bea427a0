import type { AudioClip } from '../../../../shared/speech'
import type { GptSovitsSettings } from '../../../../shared/tts-engine-settings'
import type { TtsEngine } from '../engine'
import { decodePcmAnswer, decodeWavAnswer, looksLikeWav } from './audio-decoding'
import { CallScope, speedFactor, type AbortableSynthesisRequest } from './call-scope'
import { httpRequest } from './http-client'
import { SpeechEngineError } from './speech-error'

/** Options of {@link GptSovitsEngine}: the `tts.engines.gptSovits` settings. */
export type GptSovitsEngineOptions = Omit<GptSovitsSettings, 'maxConcurrent'>

/** One prepared HTTP request (pure data, unit-tested). */
export interface PreparedHttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
}

const PLACEHOLDER = /\{(text|speed|voice)\}/g

/**
 * Builds the request for GPT-SoVITS. A URL without placeholders is api_v2 (`/tts`): the parameters
 * go in the query (GET) or a JSON body (POST). A URL with `{text}`/`{speed}`/`{voice}` is a template
 * for other APIs: the placeholders are replaced, URL-encoded, and nothing else is added.
 */
export function gptSovitsRequest(
  options: GptSovitsEngineOptions,
  request: { text: string; rate: number }
): PreparedHttpRequest {
  const speed = speedFactor(request.rate, 0.5, 2)
  if (new RegExp(PLACEHOLDER.source).test(options.url)) {
    const values = { text: request.text, speed: String(speed), voice: options.refAudioPath }
    const url = options.url.replace(PLACEHOLDER, (_m, key: keyof typeof values) =>
      encodeURIComponent(values[key])
    )
    return { method: 'GET', url, headers: { accept: 'audio/*' } }
  }
  const params: Record<string, string | number | boolean> = {
    text: request.text,
    text_lang: options.textLang,
    ...(options.refAudioPath ? { ref_audio_path: options.refAudioPath } : {}),
    prompt_text: options.promptText,
    prompt_lang: options.promptLang,
    media_type: options.mediaType,
    speed_factor: speed,
    streaming_mode: false,
    ...options.extra
  }
  if (options.method === 'POST') {
    return {
      method: 'POST',
      url: options.url,
      headers: { 'content-type': 'application/json', accept: 'audio/*' },
      body: JSON.stringify(params)
    }
  }
  const url = new URL(options.url)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value))
  return { method: 'GET', url: url.toString(), headers: { accept: 'audio/*' } }
}

/**
 * A local GPT-SoVITS server (api_v2 `GET|POST /tts`), or any similar HTTP voice-clone API through a
 * URL template. The voice is the reference audio in the settings (the pipeline's voice names are
 * espeak-style and mean nothing here).
 */
export class GptSovitsEngine implements TtsEngine {
  readonly name = 'gpt-sovits'
  readonly defaultVoice: string
  readonly description: string
  readonly #calls = new CallScope(this.name)

  constructor(private readonly options: GptSovitsEngineOptions) {
    this.defaultVoice = options.refAudioPath
    this.description = `GPT-SoVITS-style API at ${new URL(options.url.replace(PLACEHOLDER, 'x')).origin} (${options.mediaType})`
  }

  async synthesize(request: AbortableSynthesisRequest): Promise<AudioClip> {
    const call = this.#calls.begin(this.options.timeoutMs, request.signal)
    try {
      const prepared = gptSovitsRequest(this.options, request)
      const answer = await httpRequest(this.name, prepared.url, {
        ...prepared,
        signal: call.signal
      })
      if (
        answer.contentType.startsWith('application/json') ||
        answer.contentType.startsWith('text/')
      ) {
        const words = new TextDecoder().decode(answer.body.subarray(0, 200))
        throw new SpeechEngineError(
          this.name,
          'bad-audio',
          `expected audio, got ${answer.contentType}: ${words}`
        )
      }
      if (this.options.mediaType === 'wav' || looksLikeWav(answer.body))
        return decodeWavAnswer(this.name, answer.body)
      return decodePcmAnswer(this.name, answer.body, this.options.rawSampleRate)
    } finally {
      call.end()
    }
  }

  async dispose(): Promise<void> {
    this.#calls.dispose()
  }
}
