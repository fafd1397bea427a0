import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

interface EspeakModule {
  FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: Uint8Array): void }
}
type EspeakFactory = (options: Record<string, unknown>) => Promise<EspeakModule>

// Node's WebAssembly global; the DOM lib that types it is not loaded for Node code.
type WasmModule = object
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>
  instantiate(module: WasmModule, imports: unknown): Promise<unknown>
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

let compiled: Promise<{ factory: EspeakFactory; module: WasmModule }> | undefined

/** Loads the ESM package and compiles its .wasm once per thread; later calls reuse it. */
function warm(): Promise<{ factory: EspeakFactory; module: WasmModule }> {
  compiled ??= (async () => {
    const require = createRequire(__filename)
    const entry = require.resolve('espeak-ng')
    const [{ default: factory }, bytes] = await Promise.all([
      import('espeak-ng') as Promise<{ default: EspeakFactory }>,
      readFile(entry.replace(/espeak-ng\.js$/, 'espeak-ng.wasm'))
    ])
    return { factory, module: await wasm.compile(bytes) }
  })()
  return compiled
}

/**
 * One utterance → WAV bytes. The text is written into the module's in-memory file system and read
 * with `-f`, so it is never parsed as command-line options.
 */
export async function synthesizeWasm(
  text: string,
  voice: string,
  rate: number
): Promise<Uint8Array> {
  const { factory, module } = await warm()
  const errors: string[] = []
  const instance = await factory({
    arguments: ['-v', voice, '-s', String(rate), '-w', '/out.wav', '-f', '/in.txt'],
    preRun: [(m: EspeakModule) => m.FS.writeFile('/in.txt', new TextEncoder().encode(text))],
    instantiateWasm(imports: unknown, done: (instance: unknown) => void) {
      wasm.instantiate(module, imports).then(done, (err: Error) => errors.push(err.message))
      return {}
    },
    print: () => {},
    printErr: (line: string) => {
      // emscripten's keepRuntimeAlive notice is not an error.
      if (!line.includes('keepRuntimeAlive')) errors.push(line)
    }
  })
  try {
    return instance.FS.readFile('/out.wav')
  } catch {
    throw new Error(
      `espeak-ng (wasm) produced no audio${errors.length ? `: ${errors.join('; ')}` : ''}`
    )
  }
}
