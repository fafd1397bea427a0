import { execFile } from 'node:child_process'
import type { TtsEngineName } from '../../../shared/settings'
import { listOsVoices, type OsVoiceOptions } from './os-voices'

export interface VoiceList {
  engine: TtsEngineName
  voices: { id: string; label: string }[]
  note?: string
  /** `note` as a code for the UI's words: `espeak-missing`, `type-voice`, `no-os-voices`. */
  noteCode?: string
}

/** Microsoft's Mandarin and Cantonese neural voices offered by Edge read-aloud (documented names). */
const EDGE_VOICES: [string, string][] = [
  ['zh-CN-XiaoxiaoNeural', '晓晓 (女, 普通话)'],
  ['zh-CN-XiaoyiNeural', '晓伊 (女, 普通话)'],
  ['zh-CN-YunxiNeural', '云希 (男, 普通话)'],
  ['zh-CN-YunjianNeural', '云健 (男, 普通话)'],
  ['zh-CN-YunyangNeural', '云扬 (男, 新闻)'],
  ['zh-CN-YunxiaNeural', '云夏 (男童)'],
  ['zh-CN-liaoning-XiaobeiNeural', '晓北 (女, 东北话)'],
  ['zh-CN-shaanxi-XiaoniNeural', '晓妮 (女, 陕西话)'],
  ['zh-TW-HsiaoChenNeural', '曉臻 (女, 台湾)'],
  ['zh-HK-HiuGaaiNeural', '曉佳 (女, 粤语)']
]

/** Parses `espeak-ng --voices=<lang>`: the Language and VoiceName columns. */
export function parseEspeakVoices(text: string): { id: string; label: string }[] {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 4)
    .map((cols) => ({ id: cols[1]!, label: `${cols[1]} — ${cols[3]!.replace(/_/g, ' ')}` }))
    .filter((v, i, all) => all.findIndex((w) => w.id === v.id) === i)
}

/** The voices to offer for an engine; engines whose voices cannot be listed here say so. */
export async function listVoices(
  engine: TtsEngineName,
  espeakPath = 'espeak-ng',
  osVoices: OsVoiceOptions = {}
): Promise<VoiceList> {
  if (engine === 'sapi' || engine === 'say') {
    const voices = await listOsVoices(engine, osVoices)
    return voices.length > 0
      ? { engine, voices: voices.map((v) => ({ id: v.id, label: v.label })) }
      : {
          engine,
          voices: [],
          note: `no ${engine} voices could be listed on this system`,
          noteCode: 'no-os-voices'
        }
  }
  return listOtherVoices(engine, espeakPath)
}

function listOtherVoices(engine: TtsEngineName, espeakPath: string): Promise<VoiceList> {
  if (engine === 'edge')
    return Promise.resolve({ engine, voices: EDGE_VOICES.map(([id, label]) => ({ id, label })) })
  if (engine === 'espeak-wasm')
    return Promise.resolve({
      engine,
      voices: [
        { id: 'cmn', label: 'cmn — Chinese (Mandarin)' },
        { id: 'yue', label: 'yue — Chinese (Cantonese)' }
      ]
    })
  if (engine === 'auto' || engine === 'espeak-cli') {
    return new Promise((resolve) => {
      execFile(espeakPath, ['--voices=zh'], { timeout: 5000 }, (err, stdout) => {
        if (err)
          resolve({
            engine,
            voices: [{ id: 'cmn', label: 'cmn — Chinese (Mandarin)' }],
            note: 'espeak-ng program not found: the built-in voice is used',
            noteCode: 'espeak-missing'
          })
        else resolve({ engine, voices: parseEspeakVoices(stdout) })
      })
    })
  }
  return Promise.resolve({
    engine,
    voices: [],
    note: `type the ${engine} voice name (the engine's own settings hold its default)`,
    noteCode: 'type-voice'
  })
}
