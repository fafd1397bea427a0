import { z } from 'zod'
import { rule } from './settings-issues'

/**
 * Configuration of the extra speech engines and of the resilience layer around them, plugged into
 * `settings.ts` as `tts.engines`. Every field has a default, so `{}` is a complete configuration;
 * unknown keys are errors, as in the rest of the settings.
 */

/** Engines configured here, for `tts.engine` choices next to the espeak-ng ones. */
export const EXTRA_TTS_ENGINES = ['edge', 'openai', 'gpt-sovits', 'sapi', 'say'] as const
/** One of {@link EXTRA_TTS_ENGINES}. */
export type ExtraTtsEngineName = (typeof EXTRA_TTS_ENGINES)[number]

/**
 * Edge read-aloud answers only in compressed formats; these two MP3 ones are known to be served by
 * the free endpoint, and are decoded in-process.
 */
export const EDGE_OUTPUT_FORMATS = [
  'audio-24khz-48kbitrate-mono-mp3',
  'audio-24khz-96kbitrate-mono-mp3'
] as const

/** Per-call timeout in ms: past it the request is aborted and the line goes to the fallback. */
const timeoutMs = (d: number) => z.int().min(100).max(300_000).default(d)
/** Calls in flight at once to this engine; more wait in line (the wait counts against the timeout). */
const maxConcurrent = (d: number) => z.int().min(1).max(64).default(d)
/** Voice and path names reach SSML attributes and argument vectors: no control characters. */
const safeName = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => /^[^\p{Cc}]*$/u.test(v), rule('control-chars', 'no control characters'))
const httpUrl = z.url({ protocol: /^https?$/ })
/** Output rates both SAPI and `say` write as 16-bit PCM. */
const sampleRate = z.union([
  z.literal(16_000),
  z.literal(22_050),
  z.literal(24_000),
  z.literal(44_100),
  z.literal(48_000)
])

const edgeSchema = z
  .strictObject({
    /** WebSocket endpoint; tests point it at a loopback server. */
    url: z
      .url({ protocol: /^wss?$/ })
      .default('wss://speech.platform.bing.com/consumer/speech/synthesize/readaloud/edge/v1'),
    /** @default 'zh-CN-XiaoxiaoNeural' */
    voice: z
      .string()
      .refine(
        (v) => /^[A-Za-z0-9 ()_,:.-]{1,120}$/.test(v),
        rule('edge-voice', 'a voice short name such as zh-CN-XiaoxiaoNeural')
      )
      .default('zh-CN-XiaoxiaoNeural'),
    outputFormat: z.enum(EDGE_OUTPUT_FORMATS).default('audio-24khz-48kbitrate-mono-mp3'),
    /** SSML prosody pitch, e.g. `+0Hz`, `-10%`. */
    pitch: z
      .string()
      .refine((v) => /^[+-]\d{1,3}(Hz|%)$/.test(v), rule('edge-pitch', 'like +0Hz or -10%'))
      .default('+0Hz'),
    /** SSML prosody volume, e.g. `+0%`. */
    volume: z
      .string()
      .refine((v) => /^[+-]\d{1,3}%$/.test(v), rule('edge-volume', 'like +0% or -20%'))
      .default('+0%'),
    /** The public token the Edge browser sends; configurable because Microsoft rotates it. */
    trustedClientToken: z
      .string()
      .refine((v) => /^[A-Za-z0-9]{1,64}$/.test(v), rule('letters-digits', 'letters and digits'))
      .default('6A5AA1D4EAFF4E9FB37E23D68491D6F4'),
    /** Browser version sent as Sec-MS-GEC-Version. */
    secMsGecVersion: z
      .string()
      .refine(
        (v) => /^[0-9A-Za-z.-]{1,40}$/.test(v),
        rule('version-format', 'a version such as 1-143.0.3650.96')
      )
      .default('1-143.0.3650.96'),
    timeoutMs: timeoutMs(8000),
    maxConcurrent: maxConcurrent(4)
  })
  .prefault({})

const openAiSchema = z
  .strictObject({
    /** Server root; `/v1/audio/speech` is appended (a base already ending in `/v1` is accepted). */
    baseUrl: httpUrl.default('http://127.0.0.1:8000'),
    /** Sent as `Authorization: Bearer …` when not empty. */
    apiKey: z
      .string()
      .max(500)
      .refine((v) => /^[\x21-\x7e]*$/.test(v), rule('api-key', 'printable ASCII without spaces'))
      .default(''),
    model: safeName(100).default('tts-1'),
    voice: safeName(200).default('alloy'),
    /** `pcm` is headerless 24 kHz s16le mono (OpenAI's definition); `wav` carries its own format. */
    responseFormat: z.enum(['wav', 'pcm']).default('wav'),
    /** Sample rate assumed for `pcm` answers (servers other than OpenAI's may differ). */
    pcmSampleRate: z.int().min(8000).max(96_000).default(24_000),
    timeoutMs: timeoutMs(15_000),
    maxConcurrent: maxConcurrent(2)
  })
  .prefault({})

const gptSovitsSchema = z
  .strictObject({
    /**
     * Endpoint template. `{text}`, `{speed}` and `{voice}` are replaced (URL-encoded), so older APIs
     * such as `http://127.0.0.1:9880/?text={text}&text_language=zh` work as well as api_v2.
     */
    url: z
      .string()
      .max(2000)
      .refine((v) => /^https?:\/\//.test(v), rule('http-url', 'an http(s) URL'))
      .default('http://127.0.0.1:9880/tts'),
    method: z.enum(['GET', 'POST']).default('POST'),
    textLang: safeName(20).default('zh'),
    /** Reference audio on the GPT-SoVITS machine; empty = the server's default. Also the voice. */
    refAudioPath: safeName(1000).default(''),
    promptText: z.string().max(1000).default(''),
    promptLang: safeName(20).default('zh'),
    /** `raw` is headerless s16le mono at `rawSampleRate` (32 kHz for v2 models). */
    mediaType: z.enum(['wav', 'raw']).default('wav'),
    rawSampleRate: z.int().min(8000).max(96_000).default(32_000),
    /** More api_v2 fields passed as they are (e.g. `top_k`, `text_split_method`). */
    extra: z
      .record(
        z
          .string()
          .refine(
            (k) => /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(k),
            rule('param-name', 'a parameter name (letters, digits, _)')
          ),
        z.union([z.string().max(1000), z.number(), z.boolean()])
      )
      .default({}),
    timeoutMs: timeoutMs(20_000),
    maxConcurrent: maxConcurrent(1)
  })
  .prefault({})

// Program paths are deliberately not settings: a setting is data, never a command. SAPI always runs
// Windows PowerShell from the system folder and `say` is /usr/bin/say (os-voice-engines.ts).
const sapiSchema = z
  .strictObject({
    /** Installed SAPI voice name, e.g. `Microsoft Huihui Desktop`; empty = first voice of `culture`. */
    voice: safeName(200).default(''),
    culture: z
      .string()
      .refine(
        (v) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v),
        rule('culture', 'a language tag such as zh-CN')
      )
      .default('zh-CN'),
    sampleRate: sampleRate.default(22_050),
    timeoutMs: timeoutMs(15_000),
    maxConcurrent: maxConcurrent(2)
  })
  .prefault({})

const saySchema = z
  .strictObject({
    /** macOS voice, e.g. `Tingting` (zh_CN); empty = the system voice. */
    voice: safeName(200).default('Tingting'),
    sampleRate: sampleRate.default(22_050),
    timeoutMs: timeoutMs(15_000),
    maxConcurrent: maxConcurrent(2)
  })
  .prefault({})

const resilienceSchema = z
  .strictObject({
    /** Extra attempts on a retryable failure (network, 5xx, 429); a timeout goes straight to the fallback. */
    retries: z.int().min(0).max(5).default(1),
    /** First retry delay; doubles per attempt up to `backoffMaxMs`, with jitter. */
    backoffBaseMs: z.int().min(0).max(60_000).default(250),
    backoffMaxMs: z.int().min(0).max(300_000).default(2000),
    /** Consecutive failed lines that open the circuit (the primary is then skipped). */
    failureThreshold: z.int().min(1).max(100).default(3),
    /** How long an open circuit skips the primary before one probe call; doubles after a failed probe. */
    cooldownMs: z.int().min(100).max(3_600_000).default(30_000),
    maxCooldownMs: z.int().min(100).max(3_600_000).default(300_000),
    /** `offline`: speak with the offline espeak-ng voice when the primary fails; `none`: drop the line. */
    fallback: z.enum(['offline', 'none']).default('offline')
  })
  .prefault({})
  .refine((r) => r.backoffBaseMs <= r.backoffMaxMs, {
    ...rule('not-over', 'must not exceed backoffMaxMs', { other: 'backoffMaxMs' }),
    path: ['backoffBaseMs']
  })
  .refine((r) => r.cooldownMs <= r.maxCooldownMs, {
    ...rule('not-over', 'must not exceed maxCooldownMs', { other: 'maxCooldownMs' }),
    path: ['cooldownMs']
  })

/** `tts.engines` in the settings file. */
export const ttsEnginesSettingsSchema = z
  .strictObject({
    resilience: resilienceSchema,
    edge: edgeSchema,
    openai: openAiSchema,
    gptSovits: gptSovitsSchema,
    sapi: sapiSchema,
    say: saySchema
  })
  .prefault({})

/** `tts.engines` after validation: every field present. */
export type TtsEnginesSettings = z.output<typeof ttsEnginesSettingsSchema>
/** `tts.engines` as a file may write it: every field optional. */
export type TtsEnginesSettingsInput = z.input<typeof ttsEnginesSettingsSchema>
/** `tts.engines.edge` */
export type EdgeSettings = TtsEnginesSettings['edge']
/** `tts.engines.openai` */
export type OpenAiSpeechSettings = TtsEnginesSettings['openai']
/** `tts.engines.gptSovits` */
export type GptSovitsSettings = TtsEnginesSettings['gptSovits']
/** `tts.engines.sapi` */
export type SapiSettings = TtsEnginesSettings['sapi']
/** `tts.engines.say` */
export type SaySettings = TtsEnginesSettings['say']
/** `tts.engines.resilience` */
export type ResilienceSettings = TtsEnginesSettings['resilience']

/** Every default, e.g. for a settings form's "reset". */
export const DEFAULT_TTS_ENGINES_SETTINGS: TtsEnginesSettings =
  ttsEnginesSettingsSchema.parse(undefined)
