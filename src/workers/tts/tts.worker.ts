// First: V8 sets the young generation's growth factor back to 2 whenever a thread's heap is made;
// this thread's start puts the process's heap flags back (see heap-tuning.ts).
import '../../main/heap-tuning'
import { Piscina } from 'piscina'
import { taskKind, WorkerTaskError, type WasmSynthesisTask } from '../../shared/worker-protocol'
import { synthesizeWasm } from './espeak-wasm'

/** piscina entry: text → WAV bytes, moved (not copied) back to the main thread. */
export default async function synthesize(task: WasmSynthesisTask): Promise<Uint8Array> {
  if (taskKind(task) !== 'synthesize') throw new WorkerTaskError('tts', task)
  const wav = await synthesizeWasm(task.text, task.voice, task.rate)
  return Piscina.move(wav) as unknown as Uint8Array
}
