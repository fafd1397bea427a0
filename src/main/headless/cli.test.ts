import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCleanups } from '../testing/cleanups'
import type { LiveEvent } from '../../shared/events'
import type { SpeechRecord } from '../../shared/speech'
import type { PipelineStatus } from '../../shared/status'
import { clipDurationMs } from '../../shared/speech'
import { parseWav, pcmRms } from '../../shared/wav-format'
import {
  alsaCaptureConfig,
  alsaNoDeviceConfig,
  HEADLESS,
  requireBuild,
  tempDir
} from '../testing/paths'

requireBuild()

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HEADLESS, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const jsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T)

let dir = ''
const defer = useCleanups()
function scratch(): string {
  const t = tempDir()
  defer(t.cleanup)
  dir = t.dir
  return dir
}

const FAST = ['--audio-pace', 'fast', '--exit-when-idle', '0.2', '--quiet']

describe('headless CLI: bad input exits 2 with words', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--speed', 'fast'], /--speed expects a positive number \(at least 0.01\) or "max"/],
    [['--speed', '0'], /--speed expects/],
    [['--audio', 'hdmi'], /bad audio sink "hdmi"/],
    [['--audio', 'wav:'], /bad audio sink/],
    [['--audio-pace', 'slow'], /--audio-pace expects realtime or fast/],
    [['--exit-when-idle=-1'], /--exit-when-idle expects a number of seconds from 0 to 31536000/],
    [['--duration', '40000000'], /--duration expects a number of seconds from 0\.001 to 31536000/],
    [['--duration', '1e300'], /--duration expects/],
    [['--speed', '1e-10'], /--speed expects a positive number \(at least 0\.01\)/],
    [['--speed', ''], /--speed expects/],
    [['--drain', '86400'], /--drain expects a number of seconds from 0 to 3600/],
    [['--source', 'toString'], /unknown source "toString"/],
    [['--source', '__proto__'], /unknown source "__proto__"/],
    [['--source', 'constructor:x'], /unknown source "constructor"/],
    [['--exit-when-idle', '-1'], /--exit-when-idle/],
    [['--duration', 'abc'], /--duration expects a number of seconds/],
    [['--drain', 'x'], /--drain expects/],
    [['--source', 'twitch:foo'], /unknown source "twitch"/],
    [['--source', 'replay:/nonexistent/file.jsonl'], /replay file not found/],
    [['--source', 'replay:'], /replay needs a file/],
    [['--events-out'], /argument missing|requires/i],
    [['stray'], /Unexpected argument|positional/i]
  ])('%j', async (args, message) => {
    const run = await cli(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it('--help prints usage and exits 0', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    for (const flag of [
      '--source',
      '--speed',
      '--audio',
      '--events-out',
      '--speech-out',
      '--stats-out',
      '--config',
      '--exit-when-idle',
      '--duration'
    ])
      expect(run.stdout).toContain(flag)
  })

  it('--config: missing file, bad JSON and a bad field are named', async () => {
    const d = scratch()
    const missing = await cli(['--config', join(d, 'nope.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot read config .*nope\.json: ENOENT/)
    writeFileSync(join(d, 'bad.json'), '{ "pools": ')
    const badJson = await cli(['--config', join(d, 'bad.json')])
    expect(badJson.code).toBe(2)
    expect(badJson.stderr).toMatch(/is not valid JSON/)
    writeFileSync(
      join(d, 'bad-field.json'),
      JSON.stringify({ pools: { tts: { max: 99 } }, events: { gift: { colour: 'red' } } })
    )
    const badField = await cli(['--config', join(d, 'bad-field.json')])
    expect(badField.code).toBe(2)
    expect(badField.stderr).toMatch(/pools\.tts\.max: Too big/)
    expect(badField.stderr).toMatch(/events\.gift\.colour: unknown setting/)
  })
})

// These speak the whole demo (about 25 s of real synthesis on an idle 2-core machine), so the
// default 30 s budget left no room for a loaded one.
describe('headless CLI: runs', { timeout: 90_000 }, () => {
  it('speaks the demo into a WAV that holds speech, with every output file', async () => {
    const d = scratch()
    const wav = join(d, 'demo.wav')
    const run = await cli([
      '--source',
      'demo',
      '--speed',
      '20',
      '--audio',
      `wav:${wav}`,
      '--events-out',
      join(d, 'events.jsonl'),
      '--speech-out',
      join(d, 'speech.jsonl'),
      '--stats-out',
      join(d, 'stats.json'),
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/DanmuVoice summary/)
    expect(run.stderr).toMatch(/stopping \(idle\)/)

    const events = jsonl<LiveEvent>(join(d, 'events.jsonl'))
    expect(events).toHaveLength(111)
    expect(events.at(-1)!.type).toBe('end')
    expect(events.every((e) => typeof e.id === 'string' && /^\d+$/.test(e.id))).toBe(true)

    const speech = jsonl<SpeechRecord>(join(d, 'speech.jsonl'))
    const spoken = speech.filter((r) => !r.dropped)
    expect(spoken.length).toBeGreaterThan(10)
    for (const r of speech) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['text', 'type', 'priority', 'eventId', 'receivedAt', 'cache'])
      )
      expect(['hit', 'miss']).toContain(r.cache)
    }
    for (const r of spoken)
      expect(r.startedAt! >= r.receivedAt && r.endedAt! >= r.startedAt!).toBe(true)

    const clip = parseWav(readFileSync(wav))
    expect(pcmRms(clip.pcm)).toBeGreaterThan(300)
    // Plausible length: Mandarin at espeak's default rate runs ~0.15–0.5 s per character spoken.
    const chars = spoken.reduce((n, r) => n + [...r.text].length, 0)
    const seconds = clipDurationMs(clip) / 1000
    expect(seconds).toBeGreaterThan(chars * 0.1)
    expect(seconds).toBeLessThan(chars * 0.6)

    const stats = JSON.parse(readFileSync(join(d, 'stats.json'), 'utf8')) as PipelineStatus
    expect(stats.counts.received).toBe(111)
    expect(stats.counts.spoken).toBe(spoken.length)
    expect(stats.pools.map((p) => p.name)).toEqual(['processing', 'tts'])
    expect(stats.cache.misses).toBeGreaterThan(0)
    expect(stats.latency.all.count).toBe(spoken.length)
    expect(stats.player).toMatchObject({ sink: `wav:${wav}`, played: spoken.length })
    expect(Object.values(stats.drops).reduce((a, b) => a + (b ?? 0), 0)).toBe(stats.counts.dropped)
  })

  it('--events-out of a session replays with replay: to the same events', async () => {
    const d = scratch()
    const first = await cli([
      '--source',
      'demo',
      '--speed',
      'max',
      '--audio',
      'null',
      '--events-out',
      join(d, 'a.jsonl'),
      ...FAST
    ])
    expect(first.code, first.stderr).toBe(0)
    const second = await cli([
      '--source',
      `replay:${join(d, 'a.jsonl')}`,
      '--speed',
      'max',
      '--audio',
      'null',
      '--events-out',
      join(d, 'b.jsonl'),
      ...FAST
    ])
    expect(second.code, second.stderr).toBe(0)
    expect(readFileSync(join(d, 'b.jsonl'), 'utf8')).toBe(readFileSync(join(d, 'a.jsonl'), 'utf8'))
  }, 90_000) // two whole sessions

  it('--source given twice reads two rooms at once, each record tagged with its room', async () => {
    const d = scratch()
    const room = (name: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        JSON.stringify({
          type: 'chat',
          id: `${name === 'a' ? 71 : 72}0000000000000000${i}`,
          ts: 1_700_000_000_000 + i * 100,
          user: { id: `${name}${i}`, nickname: `${name}观众${i}` },
          content: `${name}房间第${i}条`
        })
      ).join('\n') + '\n'
    writeFileSync(join(d, 'a.jsonl'), room('a', 4))
    writeFileSync(join(d, 'b.jsonl'), room('b', 4))
    const run = await cli([
      '--source',
      `replay:${join(d, 'a.jsonl')}`,
      '--source',
      `replay:${join(d, 'b.jsonl')}`,
      '--speed',
      'max',
      '--audio',
      'null',
      '--speech-out',
      join(d, 's.jsonl'),
      '--stats-out',
      join(d, 'st.json'),
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    const speech = jsonl<SpeechRecord>(join(d, 's.jsonl'))
    expect(speech).toHaveLength(8)
    expect(speech.filter((r) => r.roomId === 'r1').every((r) => r.text.includes('a房间'))).toBe(
      true
    )
    expect(speech.filter((r) => r.roomId === 'r2').every((r) => r.text.includes('b房间'))).toBe(
      true
    )
    expect(speech.filter((r) => r.roomId === 'r2')).toHaveLength(4)
    const stats = JSON.parse(readFileSync(join(d, 'st.json'), 'utf8')) as PipelineStatus
    expect(stats.rooms.map((r) => [r.key, r.received, r.ended])).toEqual([
      ['r1', 4, true],
      ['r2', 4, true]
    ])
  })

  it('replay counts and skips bad lines', async () => {
    const d = scratch()
    const good = {
      type: 'chat',
      id: '7123456789012345678',
      ts: 1,
      user: { id: '1', nickname: '小橘子' },
      content: '你好'
    }
    writeFileSync(
      join(d, 'mixed.jsonl'),
      [
        JSON.stringify(good),
        '{not json',
        JSON.stringify({ ...good, type: 'shout' }),
        JSON.stringify({ ...good, id: '7123456789012345679' })
      ].join('\n') + '\n'
    )
    const run = await cli([
      '--source',
      `replay:${join(d, 'mixed.jsonl')}`,
      '--audio',
      'null',
      '--events-out',
      join(d, 'out.jsonl'),
      '--stats-out',
      join(d, 's.json'),
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/mixed\.jsonl:2: skipped a bad line: not JSON/)
    expect(run.stderr).toMatch(/mixed\.jsonl:3: skipped a bad line: type:/)
    expect(jsonl<LiveEvent>(join(d, 'out.jsonl')).map((e) => e.id)).toEqual([
      '7123456789012345678',
      '7123456789012345679'
    ])
    expect(
      (JSON.parse(readFileSync(join(d, 's.json'), 'utf8')) as PipelineStatus).source.decodeErrors
    ).toBe(2)
  })

  it('--config applies templates and filters', async () => {
    const d = scratch()
    writeFileSync(
      join(d, 'c.json'),
      JSON.stringify({
        events: { chat: { template: '弹幕：{content}' }, member: { enabled: false } },
        filter: { blockedWords: ['哈哈'] }
      })
    )
    const run = await cli([
      '--source',
      'demo',
      '--speed',
      'max',
      '--audio',
      'null',
      '--config',
      join(d, 'c.json'),
      '--speech-out',
      join(d, 's.jsonl'),
      ...FAST
    ])
    expect(run.code, run.stderr).toBe(0)
    const speech = jsonl<SpeechRecord>(join(d, 's.jsonl'))
    const chats = speech.filter((r) => r.type === 'chat' && !r.dropped)
    expect(chats.length).toBeGreaterThan(0)
    expect(chats.every((r) => r.text.startsWith('弹幕：') && !r.text.includes('哈哈'))).toBe(true)
    const blocked = speech.filter((r) => r.dropped === 'blocked-word')
    expect(blocked.length).toBeGreaterThan(0)
    // Members are switched off: each still ends in a record of its own, with its reason.
    const members = speech.filter((r) => r.type === 'member')
    expect(members.length).toBeGreaterThan(0)
    expect(members.every((r) => r.dropped === 'type-off' && r.text === '')).toBe(true)
  })

  it('audio.recordFile is saved in the recordings folder, and appends across runs', async () => {
    const d = scratch()
    const recordings = join(d, 'recordings', 'nested')
    writeFileSync(join(d, 'c.json'), JSON.stringify({ audio: { recordFile: '直播.wav' } }))
    const args = [
      '--source',
      'demo',
      '--speed',
      'max',
      '--audio',
      'null',
      '--config',
      join(d, 'c.json'),
      '--recordings-dir',
      recordings,
      ...FAST
    ]
    const first = await cli(args)
    expect(first.code, first.stderr).toBe(0)
    const once = Buffer.from(parseWav(readFileSync(join(recordings, '直播.wav'))).pcm)
    expect(once.byteLength).toBeGreaterThan(0)
    const second = await cli(args)
    expect(second.code, second.stderr).toBe(0)
    // Appended, not rewritten: the first run's audio is still there, byte for byte, then more.
    // (At --speed max, load shedding depends on timing, so the two runs need not say the same.)
    const both = Buffer.from(parseWav(readFileSync(join(recordings, '直播.wav'))).pcm)
    expect(both.byteLength).toBeGreaterThan(once.byteLength * 1.5)
    expect(both.subarray(0, once.byteLength).equals(once)).toBe(true)
  }, 90_000) // two whole demo sessions

  it('--audio wav: refuses to overwrite a file that is not a WAV (exit 2, file untouched)', async () => {
    const d = scratch()
    writeFileSync(join(d, 'notes.txt'), 'keep me\n')
    const run = await cli(['--audio', `wav:${join(d, 'notes.txt')}`, ...FAST])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/notes\.txt exists and is not a WAV file; refusing to overwrite it/)
    expect(readFileSync(join(d, 'notes.txt'), 'utf8')).toBe('keep me\n')
  })

  it('--duration stops gracefully; --drain 0 reports what was left as shutdown; --log-file logs each drop', async () => {
    const d = scratch()
    const run = await cli([
      '--source',
      'demo',
      '--speed',
      '50',
      '--audio',
      'null',
      '--duration',
      '0.5',
      '--drain',
      '0',
      '--speech-out',
      join(d, 's.jsonl'),
      '--stats-out',
      join(d, 'st.json'),
      '--log-file',
      join(d, 'run.log')
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/stopping \(duration 0\.5 s reached\)/)
    const stats = JSON.parse(readFileSync(join(d, 'st.json'), 'utf8')) as PipelineStatus
    expect(stats.counts.received).toBeLessThan(111)
    const log = readFileSync(join(d, 'run.log'), 'utf8')
    expect(log).toMatch(/\[info\] speech engine: /)
    // Stopped mid-stream with no drain: lines are dropped, and the log names every one of them
    // (the loop below would pass vacuously on a run without drops).
    const dropped = Object.values(stats.drops).reduce((sum, n) => sum + n, 0)
    expect(dropped).toBeGreaterThan(0)
    expect(log.split('dropped (').length - 1).toBe(dropped)
    for (const [reason, n] of Object.entries(stats.drops))
      expect(log.split(`dropped (${reason})`).length - 1).toBe(n)
    const speech = jsonl<SpeechRecord>(join(d, 's.jsonl'))
    expect(speech.length).toBe(stats.counts.spoken + speech.filter((r) => r.dropped).length)
  })

  it('prints a live status line unless --quiet', async () => {
    const d = scratch()
    const run = await cli([
      '--source',
      'demo',
      '--speed',
      '2',
      '--audio',
      'null',
      '--audio-pace',
      'fast',
      '--duration',
      '1.5',
      '--drain',
      '0',
      '--stats-out',
      join(d, 's.json')
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(
      /\[\d+s\] demo:live in [\d.]+\/s \| msgQ \d+ textQ \d+.* \| processing \d\[1-2\] tts \d\[1-2\]/
    )
    const quiet = await cli(['--source', 'demo', '--speed', 'max', '--audio', 'null', ...FAST])
    expect(quiet.stderr).not.toMatch(/\[\d+s\] demo/)
  })

  it('--audio speaker plays into the ALSA device', async () => {
    const d = scratch()
    const { env } = alsaCaptureConfig(d)
    const run = await cli(
      [
        '--source',
        'demo',
        '--speed',
        'max',
        '--audio',
        'speaker',
        '--stats-out',
        join(d, 's.json'),
        ...FAST
      ],
      env
    )
    expect(run.code, run.stderr).toBe(0)
    const stats = JSON.parse(readFileSync(join(d, 's.json'), 'utf8')) as PipelineStatus
    expect(stats.player.played).toBeGreaterThan(0)
    expect(stats.player.notPlayed).toBe(0)
  })

  it("checks the device once at start-up, before the app loads, and the pipeline's start takes that check", async () => {
    const d = scratch()
    const { env, rawPrefix } = alsaCaptureConfig(d)
    const empty = join(d, 'empty.jsonl')
    writeFileSync(empty, '')
    // The device named in settings is the one checked (the capture plugin's own name here).
    const config = join(d, 'settings.json')
    writeFileSync(config, JSON.stringify({ audio: { device: 'default' } }))
    const opens = () => readdirSync(d).filter((f) => join(d, f).startsWith(rawPrefix)).length
    for (const extra of [[], ['--config', config]]) {
      const before = opens()
      const run = await cli(
        [
          '--source',
          `replay:${empty}`,
          '--audio',
          'speaker',
          '--duration',
          '1',
          '--quiet',
          '--stats-out',
          join(d, 's.json'),
          ...extra
        ],
        env
      )
      expect(run.code, run.stderr).toBe(0)
      // One open of the device: the check's. The pipeline's player started parked on it.
      expect(opens() - before).toBe(1)
      const stats = JSON.parse(readFileSync(join(d, 's.json'), 'utf8')) as PipelineStatus
      expect(stats.player).toMatchObject({
        sink: extra.length ? 'speaker:default' : 'speaker',
        notPlayed: 0
      })
    }
  })

  it('--audio speaker with no device: says so, keeps running, counts clips as not played', async () => {
    const d = scratch()
    const run = await cli(
      [
        '--source',
        'demo',
        '--speed',
        'max',
        '--audio',
        'speaker',
        '--speech-out',
        join(d, 's.jsonl'),
        '--stats-out',
        join(d, 's.json'),
        ...FAST
      ],
      alsaNoDeviceConfig(d)
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/no audio output device could be opened/)
    const stats = JSON.parse(readFileSync(join(d, 's.json'), 'utf8')) as PipelineStatus
    expect(stats.counts.received).toBe(111)
    expect(stats.player.played).toBe(0)
    expect(stats.drops['not-played']).toBeGreaterThan(0)
    const notPlayed = jsonl<SpeechRecord>(join(d, 's.jsonl')).filter(
      (r) => r.dropped === 'not-played'
    )
    expect(notPlayed.length).toBe(stats.drops['not-played'])
    expect(notPlayed[0]!.detail).toMatch(/no audio output device/)
  })
})
