import { parseSettings, type Settings, type SettingsInput } from '../src/shared/settings'
import { Pipeline, type PipelineOptions } from '../src/main/pipeline/pipeline'
import { PushSource } from '../src/main/testing/push-source'

export { ROOT, WORKER_DIR } from '../src/main/testing/paths'
import { WORKER_DIR } from '../src/main/testing/paths'

export function settings(input: SettingsInput = {}): Settings {
  const r = parseSettings(input)
  if (!r.ok) throw new Error(r.errors.join('; '))
  return r.settings
}

export async function startPipeline(input: SettingsInput, extra: Partial<PipelineOptions>) {
  const source = new PushSource()
  const pipeline = new Pipeline({
    settings: settings(input),
    source,
    workerDir: WORKER_DIR,
    audio: { kind: 'null' },
    audioPace: 'fast',
    ...extra
  })
  await pipeline.start()
  await source.ready
  return { pipeline, source }
}

export function pct(values: number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits

export async function until(predicate: () => boolean, timeoutMs = 120_000): Promise<void> {
  const start = Date.now()
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('benchmark step timed out')
    await new Promise((r) => setTimeout(r, 2))
  }
}

/** Distinct, realistic comment lines. */
export function lines(n: number, salt: string): string[] {
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
  return Array.from({ length: n }, (_, i) => `${bodies[i % bodies.length]}${salt}${i}`)
}

/** One row of the printed table: name, value, unit or note. */
export type Row = [string, string | number, string]

/** What each benchmark module returns: table rows and its part of bench/results.json. */
export interface BenchResult {
  name: string
  rows: Row[]
  results: Record<string, unknown>
}

export function median(values: number[]): number {
  return pct(values, 0.5)
}
