import type { AudioClip } from '../../../../shared/speech'
import type { OpenAiSpeechSettings } from '../../../../shared/tts-engine-settings'
import type { TtsEngine } from '../engine'
import { decodePcmAnswer, decodeWavAnswer, looksLikeWav } from './audio-decoding'
import { CallScope, speedFactor, type AbortableSynthesisRequest } from './call-scope'
import { httpRequest } from './http-client'
import { SpeechEngineError } from './speech-error'

/** Options of {@link OpenAiSpeechEngine}: the `tts.engines.openai` settings. */
export type OpenAiSpeechEngineOptions = Pick<
  OpenAiSpeechSettings,
  'baseUrl' | 'apiKey' | 'model' | 'voice' | 'responseFormat' | 'pcmSampleRate' | 'timeoutMs'
>

/** `{base}/v1/audio/speech`, accepting a base that already ends in `/v1`. */
export function openAiSpeechUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '')
  return /\/v1$/.test(base) ? `${base}/audio/speech` : `${base}/v1/audio/speech`
}

/** The JSON body of an OpenAI-compatible speech request. Speed is clamped to OpenAI's 0.25–4. */
export function openAiSpeechBody(
  options: OpenAiSpeechEngineOptions,
  request: { text: string; voice: string; rate: number }
): string {
  return JSON.stringify({
    model: options.model,
    input: request.text,
    voice: request.voice || options.voice,
    response_format: options.responseFormat,
    speed: speedFactor(request.rate, 0.25, 4)
  })
}

/**
 * Any OpenAI-compatible `POST {base}/v1/audio/speech` server: OpenAI itself, or local bridges in
 * front of GPT-SoVITS, CosyVoice, F5 and the like. Asks for `wav` (self-describing) or `pcm`
 * (24 kHz s16le mono by OpenAI's definition; the rate is configurable for other servers).
 */
export class OpenAiSpeechEngine implements TtsEngine {
  readonly name = 'openai'
  readonly defaultVoice: string
  readonly description: string
  readonly #calls = new CallScope(this.name)

  constructor(private readonly options: OpenAiSpeechEngineOptions) {
    this.defaultVoice = options.voice
    this.description = `OpenAI-compatible speech at ${new URL(openAiSpeechUrl(options.baseUrl)).origin} (model ${options.model}, ${options.responseFormat})`
  }

  async synthesize(request: AbortableSynthesisRequest): Promise<AudioClip> {
    const call = this.#calls.begin(this.options.timeoutMs, request.signal)
    try {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'audio/*'
      }
      if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`
      const answer = await httpRequest(this.name, openAiSpeechUrl(this.options.baseUrl), {
        method: 'POST',
        headers,
        body: openAiSpeechBody(this.options, request),
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
      if (this.options.responseFormat === 'wav' || looksLikeWav(answer.body))
        return decodeWavAnswer(this.name, answer.body)
      return decodePcmAnswer(this.name, answer.body, this.options.pcmSampleRate)
    } finally {
      call.end()
    }
  }

  async dispose(): Promise<void> {
    this.#calls.dispose()
  }
}
