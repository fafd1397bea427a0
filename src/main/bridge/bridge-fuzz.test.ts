import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../sources/testing/prng'
import { processesWithEnv } from '../testing/cli'
import { HEADLESS, requireBuild, tempDir } from '../testing/paths'
import { waitFor } from '../testing/wait-for'
import { BridgeClient } from '../testing/bridge'

/**
 * The bridge fuzzer: the real headless app (`--ui`) is sent random, malformed, oversized and
 * concurrent commands from several links at once. It must survive, answer what it can, and end
 * with exactly one pipeline (one player process) that still stops cleanly.
 */
requireBuild()
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

type Random = () => number
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!

const SOURCES = [
  'demo',
  'demo',
  'toString',
  '__proto__',
  'constructor:x',
  'replay:/nonexistent.jsonl',
  'relay:ws://127.0.0.1:1',
  'relay:http://nope',
  '',
  'x'.repeat(3000)
]
const VALUES: unknown[] = [
  0,
  -1,
  1e308,
  0.5,
  2,
  'x',
  '',
  '加微信',
  true,
  null,
  [],
  {},
  [1, 'a'],
  { a: 1 }
]
const KEYS = [
  'audio',
  'volume',
  'tts',
  'rate',
  'filter',
  'blockedWords',
  'pools',
  'max',
  '__proto__',
  'constructor',
  'events',
  'chat',
  'enabled',
  'template',
  'nope'
]

function randomPatch(random: Random, depth = 0): unknown {
  if (depth > 3 || random() < 0.3) return pick(random, VALUES)
  const patch: Record<string, unknown> = {}
  for (let i = 0, n = 1 + Math.floor(random() * 3); i < n; i++)
    patch[pick(random, KEYS)] = randomPatch(random, depth + 1)
  return patch
}

/** One fuzz message: mostly commands (valid and not), some garbage, some far too large. */
function fuzzMessage(random: Random, id: number): string | Buffer {
  const r = random()
  if (r < 0.01) return 'x'.repeat(12 * 1024 * 1024 + 1) // over maxPayload
  if (r < 0.05) return Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256)))
  if (r < 0.08) return '{"type":"invoke","id":' + '['.repeat(50_000)
  if (r < 0.1) return JSON.stringify({ type: 'invoke', id: 'one', name: 'getSnapshot' })
  if (r < 0.12) return JSON.stringify([1, 2, 3])
  const invoke = (name: string, args: unknown) => JSON.stringify({ type: 'invoke', id, name, args })
  const which = random()
  if (which < 0.25) return invoke('connect', { source: pick(random, SOURCES) })
  if (which < 0.35) return invoke('disconnect', {})
  if (which < 0.55) return invoke('updateSettings', { patch: randomPatch(random) })
  if (which < 0.6) return invoke('resetSettings', {})
  if (which < 0.7)
    return invoke('control', { action: pick(random, ['pause', 'resume', 'skip', 'clear', 'rm']) })
  if (which < 0.75) return invoke('setVolume', { volume: pick(random, VALUES) })
  if (which < 0.8) return invoke('testVoice', { text: pick(random, ['测试', '', 'x'.repeat(200)]) })
  if (which < 0.85)
    return invoke(pick(random, ['eval', 'toString', '__proto__', 'hasOwnProperty']), {})
  return invoke('getSnapshot', pick(random, [{}, undefined, { extra: 1 }]))
}

/** Starts the headless app with the browser UI; resolves with its bridge URL. */
async function startApp(
  marker: string
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const data = tempDir()
  cleanups.push(data.cleanup)
  const child = spawn(
    process.execPath,
    [
      HEADLESS,
      '--ui',
      '0',
      '--source',
      'demo',
      '--speed',
      '5',
      '--audio',
      'null',
      '--audio-pace',
      'fast',
      '--quiet',
      '--drain',
      '0.2',
      '--data-dir',
      data.dir
    ],
    { env: { ...process.env, [marker]: '1' }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)))
  await waitFor(
    () => /DanmuVoice UI: \S+/.test(stdout) || child.exitCode !== null,
    'the UI address'
  )
  const page = /DanmuVoice UI: (\S+)/.exec(stdout)
  if (!page) throw new Error(`the app did not start: ${stderr}`)
  const u = new URL(page[1]!)
  return {
    child,
    url: `ws://${u.host}/bridge?token=${u.searchParams.get('token')}`,
    stderr: () => stderr
  }
}

describe('bridge fuzzer (the real headless app)', () => {
  it('random, malformed, oversized and concurrent commands: it survives and ends with exactly one pipeline', async () => {
    const marker = `DV_FUZZ_${randomUUID()}`
    const app = await startApp(marker)
    const random = seededRandom(20261202)
    let answered = 0
    let closedLinks = 0
    let lastLinks: { link: BridgeClient; ids: number[] }[] = []
    // Four links at once, each reopened whenever the app closes it for misbehaving.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        let link = await BridgeClient.open(app.url)
        let ids: number[] = []
        for (let i = 1; i <= 120; i++) {
          if (link.closeCode !== undefined) {
            closedLinks++
            answered += link.results.size
            link = await BridgeClient.open(app.url)
            ids = []
          }
          const message = fuzzMessage(random, i)
          link.send(message)
          const isInvoke =
            typeof message === 'string' && message.startsWith(`{"type":"invoke","id":${i},`)
          if (isInvoke) ids.push(i)
          // Give the app a moment to answer (or to close the link over garbage) before the next
          // message; slow commands (a queued connect) keep running while others are sent.
          // Pacing, not a check: running out of the moment is fine.
          const current = link
          await current
            .until(
              () => current.closeCode !== undefined || current.results.has(i),
              `command ${i} answered or the link closed`,
              isInvoke ? 30 : 1000
            )
            .catch(() => undefined)
        }
        lastLinks.push({ link, ids })
      })
    )
    // On every link still open, every command is answered, exactly once.
    for (const { link, ids } of lastLinks) {
      if (link.closeCode !== undefined) continue
      await waitFor(
        () => link.closeCode !== undefined || ids.every((id) => link.results.has(id)),
        'answers to every command on a live link',
        60_000
      )
      if (link.closeCode === undefined)
        for (const id of ids) expect(link.results.get(id), `command ${id}`).toHaveLength(1)
      answered += link.results.size
      link.close()
    }
    lastLinks = []
    expect(app.child.exitCode, app.stderr()).toBeNull()
    expect(answered).toBeGreaterThan(200)
    expect(closedLinks).toBeGreaterThan(0)

    // A well-behaved link still gets answers, and one connect leaves exactly one pipeline.
    const clean = await BridgeClient.open(app.url)
    cleanups.push(() => clean.close())
    const connected = await clean.result(clean.invoke('connect', { source: 'demo' }), 60_000)
    expect(connected).toMatchObject({ ok: true, value: { state: 'running', source: 'demo' } })
    await waitFor(
      () => processesWithEnv(marker).length === 2,
      'the app and exactly one player',
      30_000
    )
    const snapshot = await clean.result(clean.invoke('getSnapshot'))
    expect(snapshot).toMatchObject({ ok: true, value: { session: { state: 'running' } } })

    // …and it still stops cleanly, with its summary.
    const exited = new Promise<number | null>((r) => app.child.once('exit', (code) => r(code)))
    app.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(app.stderr()).toMatch(/DanmuVoice summary/)
    await waitFor(() => processesWithEnv(marker).length === 0, 'no process left behind', 10_000)
  }, 120_000)
})
