import type { AudioClip } from '../../../shared/speech'
import { parseWav } from '../../../shared/wav-format'
import { createPiscinaExecutor, type PiscinaExecutor } from '../../scaling/piscina-executor'
import type { WasmSynthesisTask } from '../../../shared/worker-protocol'
import type { SynthesisRequest, TtsEngine } from './engine'

/**
 * The espeak-ng WebAssembly build (npm `espeak-ng`, GPL-3.0) inside piscina workers: Mandarin with
 * nothing installed, on every OS. Each worker keeps the compiled module warm.
 */
export class EspeakWasmEngine implements TtsEngine {
  readonly name = 'espeak-wasm'
  readonly defaultVoice = 'cmn'
  readonly description = 'built-in espeak-ng (WebAssembly), voice cmn'
  readonly executor: PiscinaExecutor<WasmSynthesisTask, Uint8Array>

  constructor(workerFile: string) {
    this.executor = createPiscinaExecutor(workerFile)
  }

  async synthesize(request: SynthesisRequest): Promise<AudioClip> {
    const wav = await this.executor.execute({
      kind: 'synthesize',
      text: request.text,
      voice: request.voice || this.defaultVoice,
      rate: request.rate
    })
    return parseWav(wav)
  }

  threads(): number {
    return this.executor.threads()
  }

  dispose(): Promise<void> {
    return this.executor.destroy()
  }
}
