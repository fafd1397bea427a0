import { randomUUID } from 'node:crypto'
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scratchDirs, useCleanups } from '../testing/cleanups'
import type { LiveEvent } from '../../shared/events'
import type { SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { parseWav } from '../../shared/wav-format'
import { processesWithEnv, runCli } from '../testing/cli'
import { canMount, fullDisk, readOnlyDir } from '../testing/fault-fs'
import { requireBuild } from '../testing/paths'

requireBuild()
const defer = useCleanups()
const scratch = scratchDirs(defer)

const FAST = ['--audio-pace', 'fast', '--exit-when-idle', '0.2', '--quiet']
// Chats from different viewers: each is its own line (gifts would be merged into one).
const chat = (i: number): LiveEvent => ({
  type: 'chat',
  id: String(7_300_000_000_000_000_000n + BigInt(i)),
  ts: 1_700_000_000_000 + i * 10,
  user: { id: String(1000 + i), nickname: `观众${i}` },
  content: `第${i}条弹幕`
})
function replayFile(dir: string, n = 5): string {
  const file = join(dir, 'session.jsonl')
  writeFileSync(
    file,
    Array.from({ length: n }, (_, i) => JSON.stringify(chat(i))).join('\n') + '\n'
  )
  return file
}
const jsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T)

describe('outputs are checked at start-up: exit 2 naming the path and the OS code', () => {
  it.each([
    [
      '--speech-out',
      '/proc/nope/x.jsonl',
      /cannot write --speech-out \/proc\/nope\/x\.jsonl \(ENOENT\)/
    ],
    [
      '--stats-out',
      '/proc/nope/stats.json',
      /cannot write --stats-out \/proc\/nope\/stats\.json \(ENOENT\)/
    ],
    ['--log-file', '/proc', /cannot write --log-file \/proc \(EISDIR\)/]
  ])('%s %s', async (flag, path, message) => {
    const run = await runCli(['--source', 'demo', '--audio', 'null', flag, path, ...FAST])
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
    expect(run.ms).toBeLessThan(20_000) // was: a hang at 100% CPU
  })

  it('an output on a read-only disk: exit 2 with the code, before anything runs', async () => {
    const ro = readOnlyDir()
    defer(ro.cleanup)
    const run = await runCli([
      '--audio',
      'null',
      '--events-out',
      join(ro.dir, 'events.jsonl'),
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/cannot write --events-out .*events\.jsonl \((EROFS|EACCES)\)/)
  })

  it('--audio wav:/proc/nope/x.wav exits 2 naming ENOENT and leaves no process behind', async () => {
    const marker = `DV_ORPHAN_CHECK_${randomUUID()}`
    const run = await runCli(['--audio', 'wav:/proc/nope/x.wav', ...FAST], { [marker]: '1' })
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/cannot write \/proc\/nope\/x\.wav \(ENOENT\)/)
    await new Promise((r) => setTimeout(r, 300))
    expect(processesWithEnv(marker)).toEqual([])
  })

  it('refuses an output that is an input: the replay stays intact', async () => {
    const d = scratch()
    const replay = replayFile(d)
    const before = readFileSync(replay, 'utf8')
    const link = join(d, 'link.jsonl')
    symlinkSync(replay, link)
    for (const [flag, path] of [
      ['--events-out', replay],
      ['--speech-out', join(d, '.', 'session.jsonl')],
      ['--events-out', link]
    ] as const) {
      const run = await runCli([
        '--source',
        `replay:${replay}`,
        '--audio',
        'null',
        flag,
        path,
        ...FAST
      ])
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toMatch(
        new RegExp(`cannot write ${flag} .* \\(same-as-input\\): it is the --source replay: input`)
      )
      expect(readFileSync(replay, 'utf8')).toBe(before)
    }
    const config = join(d, 'c.json')
    writeFileSync(config, '{}')
    const run = await runCli([
      '--config',
      config,
      '--stats-out',
      config,
      '--audio',
      'null',
      ...FAST
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/\(same-as-input\): it is the --config input/)
    expect(readFileSync(config, 'utf8')).toBe('{}')
    const twice = await runCli([
      '--audio',
      'null',
      '--events-out',
      join(d, 'o.jsonl'),
      '--speech-out',
      join(d, 'o.jsonl'),
      ...FAST
    ])
    expect(twice.code).toBe(2)
    expect(twice.stderr).toMatch(/\(same-as-output\): --events-out writes it too/)
  })

  it('--config /dev/zero is refused after a bounded read', async () => {
    const run = await runCli(['--config', '/dev/zero', '--audio', 'null', ...FAST])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/config \/dev\/zero is larger than any settings file can be/)
  })
})

describe('an output that fails mid-run: the run finishes, the stats are written, the failure is named', () => {
  it('--speech-out on a device that is always full (ENOSPC): exit 1, stats and summary still there', async () => {
    const d = scratch()
    const run = await runCli([
      '--source',
      `replay:${replayFile(d)}`,
      '--speed',
      'max',
      '--audio',
      'null',
      '--speech-out',
      '/dev/full',
      '--stats-out',
      join(d, 'stats.json'),
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(1)
    expect(run.stderr).toMatch(/cannot write --speech-out \/dev\/full \(ENOSPC\)/)
    expect(run.stderr).toMatch(/DanmuVoice summary/)
    const stats = JSON.parse(readFileSync(join(d, 'stats.json'), 'utf8')) as PipelineStatus
    expect(stats.counts.received).toBe(5)
    expect(stats.counts.spoken).toBe(5)
  })

  it.runIf(canMount)(
    'a full disk (a real tmpfs: needs root): the wav: sink and --speech-out name ENOSPC; the stats on another disk are complete',
    async () => {
      const disk = fullDisk(64)
      defer(disk.cleanup)
      const d = scratch()
      const run = await runCli([
        '--source',
        `replay:${replayFile(d)}`,
        '--speed',
        'max',
        '--audio',
        `wav:${join(disk.dir, 'out.wav')}`,
        '--speech-out',
        join(disk.dir, 'speech.jsonl'),
        '--stats-out',
        join(d, 'stats.json'),
        ...FAST
      ])
      expect(run.code, run.stderr).toBe(1)
      expect(run.stderr).toMatch(/cannot write --speech-out .*speech\.jsonl \(ENOSPC\)/)
      expect(run.stderr).toMatch(
        /5 line\(s\) could not be written to wav:.*out\.wav: cannot write .*out\.wav \(ENOSPC\)/
      )
      const stats = JSON.parse(readFileSync(join(d, 'stats.json'), 'utf8')) as PipelineStatus
      expect(stats.counts.received).toBe(5)
      expect(stats.drops['not-played']).toBe(5)
    }
  )
})

describe('bounded time and logs', () => {
  it('--duration beyond a timer (25 days) does not fire at once', async () => {
    const d = scratch()
    const run = await runCli([
      '--source',
      `replay:${replayFile(d)}`,
      '--speed',
      'max',
      '--audio',
      'null',
      '--duration',
      '2200000',
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/stopping \(idle\)/)
  })

  it('100,000 bad replay lines (the issue saw 900,000): counted, a few shown, no raw bytes on the terminal', async () => {
    const d = scratch()
    const file = join(d, 'junk.jsonl')
    const junk = '\u001b]0;pwned\u0007\u0000\u00ff{{\n'
    writeFileSync(
      file,
      JSON.stringify(chat(1)) + '\n' + junk.repeat(100_000) + JSON.stringify(chat(2)) + '\n'
    )
    const run = await runCli([
      '--source',
      `replay:${file}`,
      '--speed',
      'max',
      '--audio',
      'null',
      '--speech-out',
      join(d, 's.jsonl'),
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/skipped 100,000 bad lines in all/)
    expect(run.stderr.split('\n').filter((l) => /bad line/.test(l)).length).toBeLessThanOrEqual(12)

    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
    const spoken = jsonl<SpeechRecord>(join(d, 's.jsonl')).filter((r) => !r.dropped)
    expect(spoken).toHaveLength(2)
  }, 90_000)
})

describe('recordings', () => {
  it('a --audio wav: run that is interrupted leaves a readable file', async () => {
    const d = scratch()
    const file = join(d, 'out.wav')
    const run = await runCli([
      '--source',
      `replay:${replayFile(d)}`,
      '--speed',
      'max',
      '--audio',
      `wav:${file}`,
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(parseWav(readFileSync(file)).pcm.byteLength).toBeGreaterThan(0)
  })
})
