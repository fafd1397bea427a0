import type { TtsEngineName } from '../../../shared/settings'
import { detectEspeakCli, EspeakCliEngine } from './espeak-cli-engine'
import { EspeakWasmEngine } from './espeak-wasm-engine'
import type { TtsEngine } from './engine'

export interface EngineFactoryOptions {
  /** Built tts.worker.js (for the WebAssembly engine). */
  ttsWorkerFile: string
  /** espeak-ng program to look for (default: `espeak-ng` on PATH). */
  espeakPath?: string
}

/**
 * `auto` prefers the espeak-ng program (about 10× faster) and falls back to the built-in
 * WebAssembly voice, which needs nothing installed. An explicit choice that is unavailable fails
 * with words, rather than silently becoming something else.
 */
export async function createEngine(choice: TtsEngineName, options: EngineFactoryOptions): Promise<TtsEngine> {
  if (choice === 'espeak-wasm') return new EspeakWasmEngine(options.ttsWorkerFile)
  const install = await detectEspeakCli(options.espeakPath)
  if (install) return new EspeakCliEngine(install)
  if (choice === 'espeak-cli') {
    throw new Error(`the espeak-ng program was not found (${options.espeakPath ?? 'espeak-ng'} on PATH); install it or choose the built-in voice`)
  }
  return new EspeakWasmEngine(options.ttsWorkerFile)
}
