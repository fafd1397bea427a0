import { TTS_ENGINES } from '../../../shared/settings'
import { num, p, plain, RATES, select, text, type FieldSpec, type SectionSpec } from './field-specs'

/**
 * 语音: the engines, each engine's own options, and the voice group's sections (the picker, voices
 * per type, per-user voices). The engines' timeouts, limits and formats are the advanced group's
 * engine section, kept here with the engines they tune.
 */

/** Each engine's own options, shown in the voice picker under the chosen engine. */
export const ENGINE_OPTIONS: Partial<Record<(typeof TTS_ENGINES)[number], FieldSpec[]>> = {
  edge: [
    text('tts.engines.edge.voice'),
    text('tts.engines.edge.pitch', { hint: 'h.tts.engines.edge.pitch' }),
    text('tts.engines.edge.volume'),
    text('tts.engines.edge.url', { wide: true })
  ],
  openai: [
    text('tts.engines.openai.baseUrl', { wide: true }),
    { kind: 'secret', path: p('tts.engines.openai.apiKey'), label: 'f.tts.engines.openai.apiKey' },
    text('tts.engines.openai.model'),
    text('tts.engines.openai.voice')
  ],
  'gpt-sovits': [
    text('tts.engines.gptSovits.url', { wide: true, hint: 'h.tts.engines.gptSovits.url' }),
    text('tts.engines.gptSovits.refAudioPath', { wide: true }),
    text('tts.engines.gptSovits.promptText', { wide: true })
  ],
  sapi: [text('tts.engines.sapi.voice')],
  say: [text('tts.engines.say.voice')]
}

export const VOICE_SECTIONS: SectionSpec[] = [
  {
    id: 'voicePicker',
    title: 's.voicePicker',
    editor: 'voicePicker',
    wide: true,
    fields: [num('tts.rate', 80, 450, 5)],
    covers: [
      'tts.engine',
      'tts.voice',
      ...Object.values(ENGINE_OPTIONS).flatMap((fields) => fields.map((f) => f.path.join('.')))
    ]
  },
  {
    id: 'typeVoices',
    title: 's.typeVoices',
    hint: 'h.typeVoices',
    editor: 'typeVoices',
    covers: ['events.*.voice', 'events.*.rate', 'events.*.volume']
  },
  { id: 'users', title: 's.users', hint: 'h.users', editor: 'users', covers: ['users'] }
]

/** 引擎高级: resilience, formats, timeouts and limits of each engine (advanced group). */
export const ENGINE_ADVANCED_SECTION: SectionSpec = {
  id: 'engineAdvanced',
  title: 's.engineAdvanced',
  wide: true,
  fields: [
    select('tts.engines.resilience.fallback', [
      { value: 'offline', label: 'fallback.offline' },
      { value: 'none', label: 'fallback.none' }
    ]),
    num('tts.engines.resilience.retries', 0, 5),
    num('tts.engines.resilience.backoffBaseMs', 0, 60_000, 50),
    num('tts.engines.resilience.backoffMaxMs', 0, 300_000, 100),
    num('tts.engines.resilience.failureThreshold', 1, 100),
    num('tts.engines.resilience.cooldownMs', 100, 3_600_000, 1000),
    num('tts.engines.resilience.maxCooldownMs', 100, 3_600_000, 1000),
    select(
      'tts.engines.edge.outputFormat',
      plain(['audio-24khz-48kbitrate-mono-mp3', 'audio-24khz-96kbitrate-mono-mp3'])
    ),
    text('tts.engines.edge.trustedClientToken'),
    text('tts.engines.edge.secMsGecVersion'),
    num('tts.engines.edge.timeoutMs', 100, 300_000, 100),
    num('tts.engines.edge.maxConcurrent', 1, 64),
    select('tts.engines.openai.responseFormat', plain(['wav', 'pcm'])),
    num('tts.engines.openai.pcmSampleRate', 8000, 96_000, 1000),
    num('tts.engines.openai.timeoutMs', 100, 300_000, 100),
    num('tts.engines.openai.maxConcurrent', 1, 64),
    select('tts.engines.gptSovits.method', plain(['POST', 'GET'])),
    text('tts.engines.gptSovits.textLang'),
    text('tts.engines.gptSovits.promptLang'),
    select('tts.engines.gptSovits.mediaType', plain(['wav', 'raw'])),
    num('tts.engines.gptSovits.rawSampleRate', 8000, 96_000, 1000),
    {
      kind: 'keyValues',
      path: p('tts.engines.gptSovits.extra'),
      label: 'f.tts.engines.gptSovits.extra',
      wide: true
    },
    num('tts.engines.gptSovits.timeoutMs', 100, 300_000, 100),
    num('tts.engines.gptSovits.maxConcurrent', 1, 64),
    text('tts.engines.sapi.culture'),
    select('tts.engines.sapi.sampleRate', plain(RATES)),
    num('tts.engines.sapi.timeoutMs', 100, 300_000, 100),
    num('tts.engines.sapi.maxConcurrent', 1, 64),
    select('tts.engines.say.sampleRate', plain(RATES)),
    num('tts.engines.say.timeoutMs', 100, 300_000, 100),
    num('tts.engines.say.maxConcurrent', 1, 64)
  ]
}
