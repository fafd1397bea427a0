import { fork } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { ROOT, type BenchResult, type Row } from './harness'
import * as busy from './busy'
import * as decode from './decode'
import * as flood from './flood'
import * as ingest from './ingest'
import * as memory from './memory'
import * as player from './player-memory'
import * as realtime from './realtime'
import * as speech from './speech'

/**
 * `npm run bench` runs every benchmark, each in a fresh process (so one's heap, threads and JIT
 * state cannot colour the next); `npm run bench -- <name>…` runs some; `npm run soak` runs the
 * memory benchmark with a 30-minute real-time stretch. Prints a table, writes bench/results.json
 * (merged with an earlier run's other benchmarks), and fails when ingest falls more than 30% below
 * the figure published in README.md.
 */
const BENCHES: Record<string, (o: { soakMinutes?: number }) => Promise<BenchResult>> = {
  decode: decode.run,
  ingest: ingest.run,
  realtime: realtime.run,
  memory: memory.run,
  player: player.run,
  speech: speech.run,
  flood: flood.run,
  busy: busy.run
}
const RESULTS = join(ROOT, 'bench', 'results.json')
const GUARD_ROW = 'ingest, 500k events queued'

async function child(name: string, soakMinutes?: number): Promise<void> {
  // As the app does at start-up, so CPU figures include its GC settings. Not for decode, which
  // compares decoders (and zlib) as libraries are compared, under Node's defaults: in this
  // process's heap the app's flags cost zlib half its speed and our decoder 10–15% (README).
  // heap-tuning applies the flags when it loads, so it is loaded only here (decode checks).
  if (name !== 'decode') await import('../src/main/heap-tuning')
  const result = await BENCHES[name]!({ soakMinutes })
  process.send!(result, () => process.exit(0))
}

function inChild(name: string, soak: boolean): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const p = fork(__filename, ['--child', name, ...(soak ? ['--soak'] : [])], {
      execArgv: ['--expose-gc']
    })
    let result: BenchResult | undefined
    p.on('message', (m) => (result = m as BenchResult))
    p.on('error', reject)
    p.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`benchmark ${name} exited with ${code}`))
    )
  })
}

/** The ingest figure the README publishes (the Benchmarks table row GUARD_ROW). */
function publishedIngest(): number | undefined {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const row = readme.split('\n').find((l) => l.startsWith(`| ${GUARD_ROW}`))
  const value = row?.split('|')[2]?.replace(/[^\d]/g, '')
  return value ? Number(value) : undefined
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const soak = args.includes('--soak')
  const busyAt = args.indexOf('--busy-one')
  if (busyAt >= 0) return busy.childMain(Number(args[busyAt + 1]), args[busyAt + 2]!)
  const childAt = args.indexOf('--child')
  if (childAt >= 0) return child(args[childAt + 1]!, soak ? 30 : undefined)

  const names = args.filter((a) => !a.startsWith('--'))
  const unknown = names.filter((n) => !(n in BENCHES))
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`
    )
    process.exit(2)
  }
  const selected = names.length > 0 ? names : Object.keys(BENCHES)
  const results: Record<string, unknown> = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {}
  const rows: Row[] = []
  for (const name of selected) {
    process.stdout.write(`running ${name}…\n`)
    const r = await inChild(name, soak)
    rows.push(...r.rows)
    Object.assign(results, r.results)
  }
  results.machine = {
    node: process.version,
    cpu: cpus()[0]?.model,
    cpus: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    date: new Date().toISOString()
  }

  const width = Math.max(...rows.map((r) => r[0].length))
  console.log(`\n${'benchmark'.padEnd(width)}  ${'value'.padStart(18)}  unit / note`)
  for (const [name, value, note] of rows)
    console.log(`${name.padEnd(width)}  ${String(value).padStart(18)}  ${note}`)
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n')
  console.log('\nwrote bench/results.json')

  // Regression guard: ingest may not fall more than 30% below the published figure.
  const measured = (results.ingest500k as { eventsPerSec?: number } | undefined)?.eventsPerSec
  const published = publishedIngest()
  if (selected.includes('ingest') && measured !== undefined && published !== undefined) {
    const floor = Math.round(published * 0.7)
    if (measured < floor) {
      console.error(
        `REGRESSION: ingest ${measured} events/s is below 70% of the published ${published} (${floor})`
      )
      process.exit(1)
    }
    console.log(`ingest guard: ${measured} events/s ≥ ${floor} (70% of the README's ${published})`)
  }
  process.exit(0)
}

main().catch((err: Error) => {
  console.error(err)
  process.exit(1)
})
