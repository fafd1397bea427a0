import { join } from 'node:path'
import { parseSettings, type SettingsInput } from '../../shared/settings'
import type { SpeechRecord } from '../../shared/speech'
import { Pipeline } from '../pipeline/pipeline'
import type { Defer } from './cleanups'
import { tempDir, WORKER_DIR } from './paths'
import { PushSource } from './push-source'

export type PipelineOverrides = Partial<ConstructorParameters<typeof Pipeline>[0]>

/**
 * A real Pipeline (real workers, espeak-ng, player process) fed by a PushSource and writing its
 * audio to a WAV file in a temp folder at full speed. Stopped, disposed and its folder removed
 * after the test. `records` and `logs` (messages) collect from the start; `ready` resolves once it
 * runs and the source is listening.
 */
export function startTestPipeline(
  defer: Defer,
  input: SettingsInput = {},
  overrides: PipelineOverrides = {}
) {
  const parsed = parseSettings(input)
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  const dir = tempDir()
  const source = new PushSource()
  const pipeline = new Pipeline({
    settings: parsed.settings,
    source,
    workerDir: WORKER_DIR,
    audio: { kind: 'wav', file: join(dir.dir, 'out.wav') },
    audioPace: 'fast',
    ...overrides
  })
  const records: SpeechRecord[] = []
  const logs: string[] = []
  pipeline.onSpeech((r) => records.push(r))
  pipeline.onLog(({ message }) => logs.push(message))
  defer(dir.cleanup, async () => {
    await pipeline.stop(0)
    pipeline.dispose()
  })
  return {
    pipeline,
    source,
    records,
    logs,
    dir: dir.dir,
    ready: pipeline.start().then(() => source.ready)
  }
}
