import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { clipDurationMs } from '../src/shared/speech'
import { ttsEnginesSettingsSchema } from '../src/shared/tts-engine-settings'
import type { TtsEngine } from '../src/main/pipeline/tts/engine'
import { detectEspeakCli, EspeakCliEngine } from '../src/main/pipeline/tts/espeak-cli-engine'
import { EdgeTtsEngine } from '../src/main/pipeline/tts/engines/edge-tts-engine'
import { GptSovitsEngine } from '../src/main/pipeline/tts/engines/gpt-sovits-engine'
import { OpenAiSpeechEngine } from '../src/main/pipeline/tts/engines/openai-speech-engine'
import { ResilientEngine } from '../src/main/pipeline/tts/resilience/resilient-engine'
import type { ResilientEngineOptions } from '../src/main/pipeline/tts/resilience/types'
import { startEdgeServer } from '../src/main/pipeline/tts/testing/edge-server'
import { startGptSovitsServer } from '../src/main/pipeline/tts/testing/gpt-sovits-server'
import { startOpenAiSpeechServer } from '../src/main/pipeline/tts/testing/openai-speech-server'
import { speechClip } from '../src/main/pipeline/tts/testing/test-audio'

/**
 * `npx tsx bench/tts-engines.ts`: speech latency per engine against its local protocol server
 * (loopback; the servers answer pre-made audio, so this is the client's cost: connection, protocol,
 * MP3 decoding / WAV parsing), next to the real offline espeak-ng program. Prints a table and writes
 * bench/tts-engines.json. A real Edge or GPU server adds network and synthesis time on top.
 */

const N = 30
const CONCURRENT = 4
const ROOT = resolve(__dirname, '..')

function pct(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
  )
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits

function summary(times: number[]): { p50: number; p95: number; mean: number; n: number } {
  const mean = times.reduce((a, b) => a + b, 0) / times.length
  return {
    p50: round(pct(times, 0.5)),
    p95: round(pct(times, 0.95)),
    mean: round(mean),
    n: times.length
  }
}

/** Distinct comment lines (distinct so nothing upstream could cache them). */
function lines(n: number): string[] {
  const bodies = [
    '主播好',
    '这个怎么买呀',
    '声音好好听',
    '晚上好呀大家',
    '支持主播',
    '刚下班赶上了',
    '明天还播吗',
    '上车了'
  ]
  return Array.from({ length: n }, (_, i) => `${bodies[i % bodies.length]}${i}`)
}

interface Row {
  engine: string
  what: string
  p50: number
  p95: number
  mean: number
  n: number
  audioMs: number
}

async function measure(
  engine: string,
  what: string,
  make: () => TtsEngine,
  texts: string[]
): Promise<Row> {
  const e = make()
  const times: number[] = []
  let audioMs = 0
  try {
    await e.synthesize({ text: '预热', voice: '', rate: 175 }) // warm-up: WebAssembly compile, first connection
    for (const text of texts) {
      const t0 = performance.now()
      const clip = await e.synthesize({ text, voice: '', rate: 175 })
      times.push(performance.now() - t0)
      audioMs += clipDurationMs(clip)
    }
  } finally {
    await e.dispose()
  }
  return { engine, what, ...summary(times), audioMs: round(audioMs / times.length, 0) }
}

/** Wall time per line when `CONCURRENT` lines are asked for at once (the TTS pool's situation). */
async function measureParallel(
  engine: string,
  make: () => TtsEngine,
  texts: string[]
): Promise<Row> {
  const e = make()
  const times: number[] = []
  try {
    await e.synthesize({ text: '预热', voice: '', rate: 175 })
    for (let i = 0; i < texts.length; i += CONCURRENT) {
      const batch = texts.slice(i, i + CONCURRENT)
      const t0 = performance.now()
      await Promise.all(batch.map((text) => e.synthesize({ text, voice: '', rate: 175 })))
      times.push((performance.now() - t0) / batch.length)
    }
  } finally {
    await e.dispose()
  }
  return {
    engine,
    what: `${CONCURRENT} at once, wall ms per line`,
    ...summary(times),
    n: texts.length,
    audioMs: NaN
  }
}

async function main(): Promise<void> {
  const texts = lines(N)
  const settings = ttsEnginesSettingsSchema.parse({})
  const clip = await speechClip('感谢小橘子送的三个玫瑰，欢迎来到直播间')
  const speak = async () => clip
  const edge = await startEdgeServer()
  const openai = await startOpenAiSpeechServer({ speak })
  const sovits = await startGptSovitsServer({ speak })
  const install = await detectEspeakCli()
  const rows: Row[] = []
  const notes: string[] = []
  try {
    const makeEdge = () => new EdgeTtsEngine({ ...settings.edge, url: edge.url })
    const makeOpenAi = (responseFormat: 'wav' | 'pcm') => () =>
      new OpenAiSpeechEngine({ ...settings.openai, baseUrl: openai.url, responseFormat })
    const makeSovits = () =>
      new GptSovitsEngine({ ...settings.gptSovits, url: `${sovits.url}/tts` })
    rows.push(await measure('edge', 'loopback WS + MP3 decode', makeEdge, texts))
    rows.push(await measureParallel('edge', makeEdge, texts))
    rows.push(await measure('openai (wav)', 'loopback HTTP', makeOpenAi('wav'), texts))
    rows.push(await measure('openai (pcm)', 'loopback HTTP, 24 kHz', makeOpenAi('pcm'), texts))
    rows.push(await measure('gpt-sovits (wav)', 'loopback HTTP POST', makeSovits, texts))
    if (install) {
      const espeak = () => new EspeakCliEngine(install)
      const resilient = (options: Partial<ResilientEngineOptions>) => () =>
        new ResilientEngine({
          primary: makeEdge(),
          fallback: espeak(),
          attemptTimeoutMs: 8000,
          ...options
        })
      const name = 'resilient edge→espeak'
      rows.push(await measure('espeak-cli', 'real synthesis (offline fallback)', espeak, texts))
      rows.push(await measure(name, 'primary healthy (wrapper overhead)', resilient({}), texts))
      // The slow path: Edge hangs, the 300 ms attempt timeout fires, espeak-ng speaks.
      edge.plan.set({ kind: 'hang' })
      const hangs = resilient({ attemptTimeoutMs: 300, failureThreshold: 1000 })
      rows.push(
        await measure(name, 'primary hangs, 300 ms timeout → fallback', hangs, texts.slice(0, 10))
      )
      // Circuit open (after the warm-up line failed): the primary is skipped, the fallback speaks at once.
      const open = resilient({ attemptTimeoutMs: 300, failureThreshold: 1, cooldownMs: 3_600_000 })
      rows.push(await measure(name, 'circuit open → fallback at once', open, texts.slice(0, 10)))
      edge.plan.set({ kind: 'ok' })
    } else {
      notes.push('espeak-ng program not installed: espeak and fallback rows skipped')
    }
    notes.push('sapi and say: not measurable here (need Windows / macOS)')
  } finally {
    await Promise.all([edge.close(), openai.close(), sovits.close()])
  }

  const header = ['engine', 'what', 'p50 ms', 'p95 ms', 'mean ms', 'n', 'audio ms/line']
  const cells = (r: Row) => [
    r.engine,
    r.what,
    r.p50,
    r.p95,
    r.mean,
    r.n,
    Number.isNaN(r.audioMs) ? '' : r.audioMs
  ]
  const table = [header, ...rows.map((r) => cells(r).map(String))]
  const widths = header.map((_, i) => Math.max(...table.map((row) => [...row[i]!].length)))
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '))
  for (const note of notes) console.log(`note: ${note}`)
  const out = join(ROOT, 'bench', 'tts-engines.json')
  const machine = { node: process.version, cpus: cpus().length, date: new Date().toISOString() }
  writeFileSync(out, `${JSON.stringify({ machine, rows, notes }, null, 2)}\n`)
  console.log(`wrote ${out}`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
