import type { Settings, TtsEngineName } from '../../../shared/settings'
import { EXTRA_TTS_ENGINES, type ExtraTtsEngineName } from '../../../shared/tts-engine-settings'
import { detectEspeakCli, EspeakCliEngine } from './espeak-cli-engine'
import { EspeakWasmEngine } from './espeak-wasm-engine'
import type { TtsEngine } from './engine'
import { extraEngineSupported } from './engines/create-extra-engine'
import { findMandarinOsVoice, type OsVoiceOptions } from './os-voices'
import { createResilientEngine } from './resilience/from-settings'
import type { ResilienceEvent } from './resilience/types'

export interface EngineFactoryOptions {
  /** Built tts.worker.js (for the WebAssembly engine). */
  ttsWorkerFile: string
  /** espeak-ng program to look for (default: `espeak-ng` on PATH). */
  espeakPath?: string
  /** Retries, fallbacks and circuit changes of an online/OS engine, for the log. */
  onResilienceEvent?: (event: ResilienceEvent) => void
  /** The chosen engine cannot run here; `used` speaks instead (the UI says so). */
  onSubstitute?: (s: { wanted: TtsEngineName; used: string; reason: string }) => void
  /** The OS we run on (tests pretend). @default process.platform */
  platform?: NodeJS.Platform
  /** How the system's Mandarin voice is looked up for `auto` (tests run stand-ins). */
  osVoices?: OsVoiceOptions
}

/** The offline voice: the espeak-ng program when installed (about 10× faster), else the built-in WebAssembly one. */
export async function createOfflineEngine(options: EngineFactoryOptions): Promise<TtsEngine> {
  const install = await detectEspeakCli(options.espeakPath)
  return install ? new EspeakCliEngine(install) : new EspeakWasmEngine(options.ttsWorkerFile)
}

const isExtra = (choice: string): choice is ExtraTtsEngineName =>
  (EXTRA_TTS_ENGINES as readonly string[]).includes(choice)

/** Why `engine` cannot run on `platform` (a code the UI words), or undefined when it can. */
export function unsupportedReason(
  engine: TtsEngineName,
  platform: NodeJS.Platform = process.platform
): string | undefined {
  if (!isExtra(engine) || extraEngineSupported(engine, platform)) return undefined
  return engine === 'sapi' ? 'needs-windows' : 'needs-macos'
}

/**
 * The engine the settings ask for, never none: whatever fails, the offline voice speaks.
 * - `auto` picks the best voice on this machine: the system's Mandarin voice (Windows SAPI, macOS
 *   `say`) with the offline voice behind it, else the espeak-ng program, else the built-in voice.
 * - An online or system engine is wrapped with timeouts, retries and a circuit breaker, and the
 *   offline voice speaks whenever it fails.
 * - A choice this machine cannot run (SAPI off Windows, a missing espeak-ng program) becomes the
 *   offline voice, and `onSubstitute` says so.
 */
export async function createEngine(
  settings: Pick<Settings, 'tts'>,
  options: EngineFactoryOptions
): Promise<TtsEngine> {
  const choice = settings.tts.engine
  const platform = options.platform ?? process.platform
  if (choice === 'espeak-wasm') return new EspeakWasmEngine(options.ttsWorkerFile)
  if (choice === 'auto') {
    const os = await findMandarinOsVoice(platform, options.osVoices)
    if (os) return resilient(os.engine, settings, options, { voice: os.voice })
    return createOfflineEngine(options)
  }
  if (isExtra(choice)) {
    const reason = unsupportedReason(choice, platform)
    if (!reason) return resilient(choice, settings, options)
    const offline = await createOfflineEngine(options)
    options.onSubstitute?.({ wanted: choice, used: offline.name, reason })
    return offline
  }
  const install = await detectEspeakCli(options.espeakPath)
  if (install) return new EspeakCliEngine(install)
  const wasm = new EspeakWasmEngine(options.ttsWorkerFile)
  options.onSubstitute?.({ wanted: choice, used: wasm.name, reason: 'not-installed' })
  return wasm
}

async function resilient(
  kind: ExtraTtsEngineName,
  settings: Pick<Settings, 'tts'>,
  options: EngineFactoryOptions,
  overrides: { voice?: string } = {}
): Promise<TtsEngine> {
  const fallback = await createOfflineEngine(options)
  let engines = settings.tts.engines
  if (overrides.voice !== undefined && (kind === 'sapi' || kind === 'say'))
    engines = { ...engines, [kind]: { ...engines[kind], voice: overrides.voice } }
  return createResilientEngine(kind, engines, {
    fallback,
    onEvent: options.onResilienceEvent
  })
}
