import { describe, expect, it } from 'vitest'
import { type SettingsInput } from '../../shared/settings'
import { requireBuild } from '../testing/paths'
import { waitFor } from '../testing/wait-for'
import { useCleanups } from '../testing/cleanups'
import { startTestPipeline } from '../testing/test-pipeline'
import { startOpenAiSpeechServer } from './tts/testing/openai-speech-server'

requireBuild()
const defer = useCleanups()

async function start(settings: SettingsInput) {
  const started = startTestPipeline(defer, {
    prewarm: { enabled: false },
    antiSpam: { dedupeWindowSec: 0, perUserLimit: 0 },
    ...settings
  })
  await started.ready
  return started
}

describe('an online engine in the pipeline (real local OpenAI-compatible server)', () => {
  it('speaks through the engine; when it fails, the offline voice speaks and nothing is lost or cached', async () => {
    const server = await startOpenAiSpeechServer()
    defer(() => server.close())
    const { pipeline, source, records, logs } = await start({
      tts: {
        engine: 'openai',
        engines: {
          openai: { baseUrl: server.url, timeoutMs: 2000 },
          resilience: { retries: 0, failureThreshold: 2, cooldownMs: 60_000 }
        }
      }
    })
    source.chat('小橘子', '第一句')
    await waitFor(() => records.length === 1, 'first line')
    expect(records[0]!.dropped).toBeUndefined()
    expect(server.requests).toHaveLength(1)

    server.plan.set({ kind: 'status', status: 503 })
    source.chat('阿伟', '第二句')
    source.chat('山河', '第三句')
    await waitFor(() => records.length === 3, 'lines spoken by the fallback')
    expect(records.slice(1).every((r) => r.dropped === undefined)).toBe(true)
    expect(logs.some((l) => /spoken by espeak-ng/.test(l) || /spoken by espeak/.test(l))).toBe(true)
    const status = pipeline.status().tts
    expect(status.engine).toBe('openai')
    expect(status.resilience).toMatchObject({
      circuit: 'open',
      health: 'open',
      fallback: expect.stringMatching(/espeak/)
    })

    // A fallback clip is not cached: once the engine is back, the same text is asked of it again.
    server.plan.set({ kind: 'ok' })
    expect(pipeline.tts.isCached('阿伟说：第二句')).toBe(false)
  })

  it('an engine this OS cannot run is replaced by the offline voice: nothing goes silent', async () => {
    if (process.platform === 'win32') return
    const { pipeline, source, records } = await start({ tts: { engine: 'sapi' } })
    source.chat('小橘子', '系统声音不可用时也要读出来')
    await waitFor(() => records.length === 1, 'the line')
    expect(records[0]!.dropped).toBeUndefined()
    expect(pipeline.status().tts.engine).toMatch(/espeak/)
    expect(pipeline.status().components.find((c) => c.id === 'tts')?.state).toBe('running')
  })
})
