import type { EngineInfo } from '../../shared/ipc/contract'
import { TTS_ENGINES, type TtsEngineName } from '../../shared/settings'
import { detectEspeakCli } from '../pipeline/tts/espeak-cli-engine'
import { unsupportedReason } from '../pipeline/tts/engine-factory'
import { findMandarinOsVoice, type OsVoiceOptions } from '../pipeline/tts/os-voices'

const ONLINE: readonly TtsEngineName[] = ['edge', 'openai', 'gpt-sovits']

/** Which engines this machine runs, and what `auto` picks here (see engine-factory.ts). */
export async function engineInfo(
  options: { espeakPath?: string; platform?: NodeJS.Platform; osVoices?: OsVoiceOptions } = {}
): Promise<{
  platform: string
  engines: EngineInfo[]
  auto: TtsEngineName
  autoVoice?: string
}> {
  const platform = options.platform ?? process.platform
  const [espeak, os] = await Promise.all([
    detectEspeakCli(options.espeakPath),
    findMandarinOsVoice(platform, options.osVoices)
  ])
  const engines = TTS_ENGINES.map((engine): EngineInfo => {
    const reason =
      engine === 'espeak-cli' && !espeak ? 'not-installed' : unsupportedReason(engine, platform)
    return {
      engine,
      available: reason === undefined,
      online: ONLINE.includes(engine),
      ...(reason ? { reason } : {})
    }
  })
  const auto: TtsEngineName = os ? os.engine : espeak ? 'espeak-cli' : 'espeak-wasm'
  return { platform, engines, auto, ...(os ? { autoVoice: os.voice } : {}) }
}
