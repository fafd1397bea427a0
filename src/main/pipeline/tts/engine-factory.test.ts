import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings'
import { pcmRms } from '../../../shared/wav-format'
import { requireBuild, tempDir, WORKER_DIR } from '../../testing/paths'
import { createEngine, unsupportedReason } from './engine-factory'
import { findMandarinOsVoice, parseSapiVoices, parseSayVoices } from './os-voices'

requireBuild()
const t = tempDir()
afterAll(t.cleanup)

/** A stand-in for `say -v ?` or the SAPI list script: prints `output`, as the real program would. */
function lister(name: string, output: string): string {
  const path = join(t.dir, name)
  writeFileSync(path, `#!/usr/bin/env node\nprocess.stdout.write(${JSON.stringify(output)})\n`)
  chmodSync(path, 0o755)
  return path
}

const SAY_LIST = [
  'Alex                en_US    # Most people recognize me by my voice.',
  'Sin-ji              zh_HK    # 您好！我叫 Sin-ji。',
  'Mei-Jia             zh_TW    # 您好，我叫美佳。',
  'Tingting            zh_CN    # 你好，我叫婷婷。',
  ''
].join('\n')
const SAPI_LIST = [
  'Microsoft David Desktop|en-US|Male',
  'Microsoft Huihui Desktop|zh-CN|Female',
  ''
].join('\r\n')

const withEngine = (engine: Settings['tts']['engine']): Settings => ({
  ...DEFAULT_SETTINGS,
  tts: { ...DEFAULT_SETTINGS.tts, engine }
})
const options = { ttsWorkerFile: join(WORKER_DIR, 'tts.worker.js') }

describe('system voices', () => {
  it('parses both OS voice lists and finds the Mandarin voice', async () => {
    expect(parseSayVoices(SAY_LIST).map((v) => v.lang)).toEqual([
      'en-US',
      'zh-HK',
      'zh-TW',
      'zh-CN'
    ])
    expect(parseSapiVoices(SAPI_LIST)[1]).toMatchObject({
      id: 'Microsoft Huihui Desktop',
      lang: 'zh-CN'
    })
    expect(await findMandarinOsVoice('darwin', { program: lister('say', SAY_LIST) })).toEqual({
      engine: 'say',
      voice: 'Tingting'
    })
    expect(
      await findMandarinOsVoice('win32', { program: lister('powershell.exe', SAPI_LIST) })
    ).toEqual({ engine: 'sapi', voice: 'Microsoft Huihui Desktop' })
    // No Mandarin voice installed, or no program at all: nothing.
    expect(
      await findMandarinOsVoice('darwin', { program: lister('say-en', 'Alex  en_US  # hi\n') })
    ).toBeUndefined()
    expect(await findMandarinOsVoice('darwin', { program: join(t.dir, 'missing') })).toBeUndefined()
    expect(await findMandarinOsVoice('linux')).toBeUndefined()
  })
})

describe('engine choice', () => {
  it('auto: the OS Mandarin voice where one is installed, with the offline voice behind it', async () => {
    const engine = await createEngine(withEngine('auto'), {
      ...options,
      platform: 'win32',
      osVoices: { program: lister('ps-list', SAPI_LIST) }
    })
    try {
      expect(engine.name).toBe('sapi')
      expect(engine.description).toContain('Microsoft Huihui Desktop')
      expect(engine.description).toMatch(/falls back to .*espeak/)
      // This machine cannot run SAPI, so every line is spoken by the fallback: never silence.
      const clip = await engine.synthesize({ text: '感谢支持', voice: '', rate: 175 })
      expect(pcmRms(clip.pcm)).toBeGreaterThan(200)
    } finally {
      await engine.dispose()
    }
  })

  it('auto: the espeak-ng program when there is no OS voice (this Linux machine)', async () => {
    const engine = await createEngine(withEngine('auto'), options)
    expect(engine.name).toBe('espeak-cli')
    await engine.dispose()
  })

  it('auto: the built-in voice when the program is missing too', async () => {
    const engine = await createEngine(withEngine('auto'), {
      ...options,
      espeakPath: join(t.dir, 'no-espeak')
    })
    expect(engine.name).toBe('espeak-wasm')
    await engine.dispose()
  })

  it('a choice this OS cannot run becomes the offline voice, and says so', async () => {
    if (process.platform === 'win32' || process.platform === 'darwin') return
    expect(unsupportedReason('sapi')).toBe('needs-windows')
    expect(unsupportedReason('say')).toBe('needs-macos')
    expect(unsupportedReason('edge')).toBeUndefined()
    const substitutions: unknown[] = []
    for (const choice of ['sapi', 'say'] as const) {
      const engine = await createEngine(withEngine(choice), {
        ...options,
        onSubstitute: (s) => substitutions.push(s)
      })
      expect(engine.name).toBe('espeak-cli')
      const clip = await engine.synthesize({ text: '你好', voice: '', rate: 175 })
      expect(pcmRms(clip.pcm)).toBeGreaterThan(200)
      await engine.dispose()
    }
    expect(substitutions).toEqual([
      { wanted: 'sapi', used: 'espeak-cli', reason: 'needs-windows' },
      { wanted: 'say', used: 'espeak-cli', reason: 'needs-macos' }
    ])
    const missing: unknown[] = []
    const wasm = await createEngine(withEngine('espeak-cli'), {
      ...options,
      espeakPath: join(t.dir, 'no-espeak'),
      onSubstitute: (s) => missing.push(s)
    })
    expect(wasm.name).toBe('espeak-wasm')
    expect(missing).toEqual([
      { wanted: 'espeak-cli', used: 'espeak-wasm', reason: 'not-installed' }
    ])
    await wasm.dispose()
  })
})
