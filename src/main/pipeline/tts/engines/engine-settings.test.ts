import { describe, expect, it } from 'vitest'
import {
  DEFAULT_TTS_ENGINES_SETTINGS,
  EXTRA_TTS_ENGINES,
  ttsEnginesSettingsSchema
} from '../../../../shared/tts-engine-settings'
import { toSettingsIssues } from '../../../../shared/settings-issues'
import { createExtraEngine, engineLimits, extraEngineSupported } from './create-extra-engine'

/** Issues as `path: code`, coded as parseSettings codes them for the UI. */
function issues(input: unknown): string[] {
  const r = ttsEnginesSettingsSchema.safeParse(input)
  return r.success
    ? []
    : r.error.issues.flatMap(toSettingsIssues).map((i) => `${i.path}: ${i.code}`)
}

describe('tts.engines settings schema', () => {
  it('fills every default from nothing and from {}', () => {
    expect(ttsEnginesSettingsSchema.parse(undefined)).toEqual(DEFAULT_TTS_ENGINES_SETTINGS)
    expect(ttsEnginesSettingsSchema.parse({})).toEqual(DEFAULT_TTS_ENGINES_SETTINGS)
    expect(DEFAULT_TTS_ENGINES_SETTINGS.edge.voice).toBe('zh-CN-XiaoxiaoNeural')
    expect(DEFAULT_TTS_ENGINES_SETTINGS.gptSovits.url).toBe('http://127.0.0.1:9880/tts')
    expect(DEFAULT_TTS_ENGINES_SETTINGS.resilience.fallback).toBe('offline')
  })

  it('keeps what a partial file sets', () => {
    const s = ttsEnginesSettingsSchema.parse({
      edge: { url: 'ws://127.0.0.1:9/x' },
      resilience: { retries: 0 }
    })
    expect(s.edge.url).toBe('ws://127.0.0.1:9/x')
    expect(s.edge.voice).toBe('zh-CN-XiaoxiaoNeural')
    expect(s.resilience).toMatchObject({ retries: 0, failureThreshold: 3 })
  })

  it('names unknown keys and bad values', () => {
    expect(issues({ edge: { voise: 'x' } })).toEqual(['edge.voise: unknown-setting'])
    expect(issues({ edge: { url: 'http://not-ws' } })).toEqual(['edge.url: bad-url'])
    expect(issues({ edge: { voice: "x'><voice name='y" } })).toEqual(['edge.voice: edge-voice'])
    expect(issues({ openai: { baseUrl: 'ftp://x', apiKey: 'has space' } })).toEqual([
      'openai.baseUrl: bad-url',
      'openai.apiKey: api-key'
    ])
    expect(issues({ sapi: { voice: 'a\nb' } })).toEqual(['sapi.voice: control-chars'])
    expect(issues({ gptSovits: { extra: { 'bad key': 1 } } })).toEqual([
      'gptSovits.extra.bad key: param-name'
    ])
    expect(issues({ resilience: { backoffBaseMs: 5000, backoffMaxMs: 100 } })).toEqual([
      'resilience.backoffBaseMs: not-over'
    ])
    expect(issues({ say: { timeoutMs: 5 } })).toEqual(['say.timeoutMs: too-small'])
  })

  it('builds every engine from the defaults without I/O', async () => {
    for (const kind of EXTRA_TTS_ENGINES) {
      const engine = createExtraEngine(kind, DEFAULT_TTS_ENGINES_SETTINGS)
      expect(engine.name).toBe(kind)
      expect(engine.description.length).toBeGreaterThan(5)
      await engine.dispose()
    }
    expect(engineLimits('edge', DEFAULT_TTS_ENGINES_SETTINGS)).toEqual({
      timeoutMs: 8000,
      maxConcurrent: 4
    })
    expect(extraEngineSupported('sapi', 'win32')).toBe(true)
    expect(extraEngineSupported('sapi', 'linux')).toBe(false)
    expect(extraEngineSupported('say', 'darwin')).toBe(true)
    expect(extraEngineSupported('edge', 'linux')).toBe(true)
  })
})
