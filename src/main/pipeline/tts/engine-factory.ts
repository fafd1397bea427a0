import type { Settings } from '../../../shared/settings'
import { EXTRA_TTS_ENGINES, type ExtraTtsEngineName } from '../../../shared/tts-engine-settings'
import { detectEspeakCli, EspeakCliEngine } from './espeak-cli-engine'
import { EspeakWasmEngine } from './espeak-wasm-engine'
import type { TtsEngine } from './engine'
import { extraEngineSupported } from './engines/create-extra-engine'
import { createResilientEngine } from './resilience/from-settings'
import type { ResilienceEvent } from './resilience/types'

export interface EngineFactoryOptions {
  /** Built tts.worker.js (for the WebAssembly engine). */
  ttsWorkerFile: string
  /** espeak-ng program to look for (default: `espeak-ng` on PATH). */
  espeakPath?: string
  /** Retries, fallbacks and circuit changes of an online/OS engine, for the log. */
  onResilienceEvent?: (event: ResilienceEvent) => void
}

/** The offline voice: the espeak-ng program when installed (about 10× faster), else the built-in WebAssembly one. */
export async function createOfflineEngine(options: EngineFactoryOptions): Promise<TtsEngine> {
  const install = await detectEspeakCli(options.espeakPath)
  return install ? new EspeakCliEngine(install) : new EspeakWasmEngine(options.ttsWorkerFile)
}

const isExtra = (choice: string): choice is ExtraTtsEngineName =>
  (EXTRA_TTS_ENGINES as readonly string[]).includes(choice)

/**
 * The engine the settings ask for. `auto` prefers the espeak-ng program and falls back to the
 * built-in WebAssembly voice, which needs nothing installed. An online or OS engine is wrapped with
 * timeouts, retries and a circuit breaker, and the offline voice speaks whenever it fails.
 * An explicit choice that cannot work here fails with words, rather than silently becoming another.
 */
export async function createEngine(
  settings: Pick<Settings, 'tts'>,
  options: EngineFactoryOptions
): Promise<TtsEngine> {
  const choice = settings.tts.engine
  if (choice === 'espeak-wasm') return new EspeakWasmEngine(options.ttsWorkerFile)
  if (isExtra(choice)) {
    if (!extraEngineSupported(choice))
      throw new Error(`the ${choice} voice is not available on this system (${process.platform})`)
    const fallback = await createOfflineEngine(options)
    return createResilientEngine(choice, settings.tts.engines, {
      fallback,
      onEvent: options.onResilienceEvent
    })
  }
  const install = await detectEspeakCli(options.espeakPath)
  if (install) return new EspeakCliEngine(install)
  if (choice === 'espeak-cli') {
    throw new Error(
      `the espeak-ng program was not found (${options.espeakPath ?? 'espeak-ng'} on PATH); install it or choose the built-in voice`
    )
  }
  return new EspeakWasmEngine(options.ttsWorkerFile)
}
