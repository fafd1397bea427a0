import { Piscina } from 'piscina'
import { synthesizeWasm } from './espeak-wasm'

export interface WasmSynthesisTask {
  text: string
  voice: string
  rate: number
}

/** piscina entry: text → WAV bytes, moved (not copied) back to the main thread. */
export default async function synthesize(task: WasmSynthesisTask): Promise<Uint8Array> {
  const wav = await synthesizeWasm(task.text, task.voice, task.rate)
  return Piscina.move(wav) as unknown as Uint8Array
}
