import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TTS_ENGINES_SETTINGS } from '../../../../shared/tts-engine-settings'
import { installFakePowerShell, installFakeSay } from '../testing/fake-os-voices'
import { HOSTILE_TEXTS } from '../testing/hostile-text'
import { createSapiEngine, createSayEngine, type OsVoiceEngine } from './os-voice-engines'
import { SpeechEngineError } from './speech-error'
import { wellFormed } from './well-formed'

let dir: string
const engines: OsVoiceEngine[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'danmuvoice-fake-os-'))
})
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()))
  rmSync(dir, { recursive: true, force: true })
})

async function failure(promise: Promise<unknown>): Promise<SpeechEngineError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(SpeechEngineError)
  return err as SpeechEngineError
}

const TEXTS = [
  ...HOSTILE_TEXTS.filter((t) => !t.includes('\u0000')),
  '感谢"小橘子"送的 $(三个) `玫瑰`\n第二行'
]

describe('macOS say engine (real spawn of a stand-in say program)', () => {
  const make = (timeoutMs = 5000) => {
    const fake = installFakeSay(dir)
    const engine = createSayEngine(
      { ...DEFAULT_TTS_ENGINES_SETTINGS.say, program: fake.path, timeoutMs },
      'darwin'
    )
    engines.push(engine)
    return { fake, engine }
  }

  it('speaks: stdin carries the text byte for byte, argv carries none of it', async () => {
    const { fake, engine } = make()
    for (const text of TEXTS) {
      const clip = await engine.synthesize({ text, voice: '', rate: 200 })
      expect(clip.format).toEqual({ sampleRate: 22_050, channels: 1, bitDepth: 16 })
    }
    const calls = fake.calls()
    expect(calls.map((c) => c.stdin)).toEqual(
      TEXTS.map((t) =>
        wellFormed(t).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
      )
    )
    for (const call of calls) {
      expect(call.argv.slice(1)).toEqual([
        '--file-format=WAVE',
        '--data-format=LEI16@22050',
        '--voice=Tingting',
        '--rate=200',
        '--input-file=-'
      ])
    }
  })

  it('removes its temp folder after each call, also after a failure', async () => {
    const { fake, engine } = make()
    await engine.synthesize({ text: 'ok', voice: '', rate: 175 })
    await failure(engine.synthesize({ text: 'FAIL', voice: '', rate: 175 }))
    for (const call of fake.calls())
      expect(existsSync(dirname(call.argv[0]!.slice('--output-file='.length)))).toBe(false)
  })

  it('reports the program words on a non-zero exit', async () => {
    const { engine } = make()
    const err = await failure(engine.synthesize({ text: 'FAIL please', voice: '', rate: 175 }))
    expect(err).toMatchObject({ kind: 'unavailable', retryable: false })
    expect(err.message).toMatch(/exit 1\): voice failed on purpose/)
  })

  it('kills a hung program at the timeout', async () => {
    const { engine } = make(300)
    expect(await failure(engine.synthesize({ text: 'HANG', voice: '', rate: 175 }))).toMatchObject({
      kind: 'timeout'
    })
  })

  it('is unavailable on another OS and when the program is missing', async () => {
    const elsewhere = createSayEngine(DEFAULT_TTS_ENGINES_SETTINGS.say, 'linux')
    engines.push(elsewhere)
    expect(elsewhere.supported).toBe(false)
    expect(await failure(elsewhere.synthesize({ text: 'x', voice: '', rate: 175 }))).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/only on darwin/)
    })
    const missing = createSayEngine(
      { ...DEFAULT_TTS_ENGINES_SETTINGS.say, program: join(dir, 'no-such-say') },
      'darwin'
    )
    engines.push(missing)
    expect(await failure(missing.synthesize({ text: 'x', voice: '', rate: 175 }))).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/ENOENT/)
    })
  })
})

describe('Windows SAPI engine (real spawn of a stand-in powershell that decodes the script)', () => {
  const make = () => {
    const fake = installFakePowerShell(dir)
    const engine = createSapiEngine(
      {
        ...DEFAULT_TTS_ENGINES_SETTINGS.sapi,
        program: fake.path,
        voice: 'Microsoft Huihui Desktop'
      },
      'win32'
    )
    engines.push(engine)
    return { fake, engine }
  }

  it('delivers every hostile text intact through -EncodedCommand', async () => {
    const { fake, engine } = make()
    for (const text of [...TEXTS, '\u0000 nul survives base64']) {
      const clip = await engine.synthesize({ text, voice: '', rate: 175 })
      expect(clip.format).toEqual({ sampleRate: 22_050, channels: 1, bitDepth: 16 })
    }
    const calls = fake.calls()
    expect(calls.map((c) => c.text)).toEqual(
      [...TEXTS, '\u0000 nul survives base64'].map(wellFormed)
    )
    expect(
      calls.every((c) => c.voice === 'Microsoft Huihui Desktop' && c.culture === 'zh-CN')
    ).toBe(true)
    expect(calls.every((c) => c.argv.length === 7)).toBe(true)
  })

  it('refuses a text too long for one Windows command line', async () => {
    const { fake, engine } = make()
    expect(
      await failure(engine.synthesize({ text: '弹'.repeat(6000), voice: '', rate: 175 }))
    ).toMatchObject({ message: expect.stringMatching(/too long/) })
    expect(fake.calls()).toHaveLength(0)
  })

  it('is unavailable off Windows', async () => {
    const engine = createSapiEngine(DEFAULT_TTS_ENGINES_SETTINGS.sapi, 'linux')
    engines.push(engine)
    expect(await failure(engine.synthesize({ text: 'x', voice: '', rate: 175 }))).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/only on win32/)
    })
  })
})
