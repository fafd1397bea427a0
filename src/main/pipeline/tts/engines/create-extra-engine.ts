import type { ExtraTtsEngineName, TtsEnginesSettings } from '../../../../shared/tts-engine-settings'
import type { TtsEngine } from '../engine'
import { EdgeTtsEngine } from './edge-tts-engine'
import { GptSovitsEngine } from './gpt-sovits-engine'
import { OpenAiSpeechEngine } from './openai-speech-engine'
import { createSapiEngine, createSayEngine } from './os-voice-engines'

/** The `tts.engines` block that limits one engine's calls (timeout and concurrency). */
export function engineLimits(
  kind: ExtraTtsEngineName,
  settings: TtsEnginesSettings
): { timeoutMs: number; maxConcurrent: number } {
  const block = kindSettings(kind, settings)
  return { timeoutMs: block.timeoutMs, maxConcurrent: block.maxConcurrent }
}

function kindSettings(kind: ExtraTtsEngineName, s: TtsEnginesSettings) {
  switch (kind) {
    case 'edge':
      return s.edge
    case 'openai':
      return s.openai
    case 'gpt-sovits':
      return s.gptSovits
    case 'sapi':
      return s.sapi
    case 'say':
      return s.say
  }
}

/** Whether `kind` can run on `platform` at all (SAPI needs Windows, `say` needs macOS). */
export function extraEngineSupported(
  kind: ExtraTtsEngineName,
  platform: NodeJS.Platform = process.platform
): boolean {
  if (kind === 'sapi') return platform === 'win32'
  if (kind === 'say') return platform === 'darwin'
  return true
}

/**
 * Builds one of the engines configured in `tts.engines`. Construction does no I/O: an unreachable
 * server or a missing program shows up on the first call, where the resilience layer handles it.
 */
export function createExtraEngine(
  kind: ExtraTtsEngineName,
  settings: TtsEnginesSettings
): TtsEngine {
  switch (kind) {
    case 'edge':
      return new EdgeTtsEngine(settings.edge)
    case 'openai':
      return new OpenAiSpeechEngine(settings.openai)
    case 'gpt-sovits':
      return new GptSovitsEngine(settings.gptSovits)
    case 'sapi':
      return createSapiEngine(settings.sapi)
    case 'say':
      return createSayEngine(settings.say)
  }
}
