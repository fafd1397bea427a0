import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * Project root (tests run from source; workers are loaded from the build `npm test` makes first).
 * Found by walking up to our package.json, so it also holds inside a bundled benchmark.
 */
export const ROOT = findRoot(__dirname)

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'danmuvoice')
      return dir
    if (dirname(dir) === dir) throw new Error(`no danmuvoice package.json above ${from}`)
  }
}
export const WORKER_DIR = join(ROOT, 'out', 'main')
export const ASSETS_DIR = join(ROOT, 'assets')
export const HEADLESS = join(WORKER_DIR, 'headless.js')

export function requireBuild(): void {
  if (!existsSync(join(WORKER_DIR, 'processing.worker.js'))) {
    throw new Error('out/main is missing: run `npm run build` (npm test does it first)')
  }
}

/** A temp folder removed by the returned function. */
export function tempDir(prefix = 'danmuvoice-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * An ALSA configuration whose default device writes everything played to `<dir>/out.raw.NNNN`
 * (one file per open) through the null plugin: speaker output captured byte for byte, no sound card.
 */
export function alsaCaptureConfig(dir: string): { env: NodeJS.ProcessEnv; rawPrefix: string } {
  const raw = join(dir, 'out.raw')
  const conf = join(dir, 'asound.conf')
  writeFileSync(
    conf,
    `pcm.!default { type file; slave.pcm { type null }; file "${raw}"; truncate false; format "raw" }\n`
  )
  return { env: { ALSA_CONFIG_PATH: conf }, rawPrefix: raw }
}

/** An ALSA configuration with no devices at all: loading `speaker` aborts, as on a machine without sound. */
export function alsaNoDeviceConfig(dir: string): NodeJS.ProcessEnv {
  const conf = join(dir, 'empty-asound.conf')
  writeFileSync(conf, '\n')
  return { ALSA_CONFIG_PATH: conf }
}
