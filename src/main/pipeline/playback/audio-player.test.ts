import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scratchDirs, useCleanups } from '../../testing/cleanups'
import type { AudioClip } from '../../../shared/speech'
import { parseWav, pcmRms } from '../../../shared/wav-format'
import { ComponentManager } from '../../lifecycle/component-manager'
import {
  alsaCaptureConfig,
  alsaNoDeviceConfig,
  requireBuild,
  WORKER_DIR
} from '../../testing/paths'
import { waitFor } from '../../testing/wait-for'
import { detectEspeakCli, EspeakCliEngine } from '../tts/espeak-cli-engine'
import { AudioPlayer, type AudioPlayerOptions } from './audio-player'
import { ProbedOutput, probeOutput } from './output-probe'
import { forkPlayer, playerProcessFile, type PlayerChannel } from './player-launcher'
import { countingLauncher } from './testing/counting-launcher'

requireBuild()
const PLAYER = playerProcessFile(WORKER_DIR)
const format = { sampleRate: 22050, channels: 1, bitDepth: 16 as const }

/** A clip of a tone-like pattern, `ms` long. */
function tone(ms: number, seed = 1): AudioClip {
  const samples = Math.round((22050 * ms) / 1000)
  const pcm = new Int16Array(samples)
  for (let i = 0; i < samples; i++)
    pcm[i] = Math.round(8000 * Math.sin((i * seed * 2 * Math.PI) / 50))
  return { format, pcm: new Uint8Array(pcm.buffer) }
}

const defer = useCleanups()

function player(
  options: Partial<AudioPlayerOptions> & Pick<AudioPlayerOptions, 'sink'>
): AudioPlayer {
  const p = new AudioPlayer({ file: PLAYER, pace: 'fast', volume: 1, ...options })
  defer(
    () => p.stop(Date.now() + 2000),
    () => p.dispose()
  )
  return p
}

const scratch = scratchDirs(defer)

describe('AudioPlayer (child process)', () => {
  it('plays clips one at a time into one WAV, back to back', async () => {
    const file = join(scratch(), 'out.wav')
    const p = player({ sink: { kind: 'wav', file } })
    await p.start()
    const clips = [tone(300, 1), tone(200, 2), tone(100, 3)]
    const results = await Promise.all(clips.map((c) => p.play(c)))
    expect(results.every((r) => r.played)).toBe(true)
    // One at a time: each clip starts after the previous one ended.
    for (let i = 1; i < results.length; i++)
      expect(results[i]!.startedAt! >= results[i - 1]!.endedAt).toBe(true)
    await p.stop(Date.now() + 2000)
    const wav = parseWav(readFileSync(file))
    expect(wav.format).toEqual(format)
    expect(Buffer.from(wav.pcm).equals(Buffer.concat(clips.map((c) => Buffer.from(c.pcm))))).toBe(
      true
    )
    expect(p.status()).toMatchObject({ played: 3, notPlayed: 0 })
  })

  it('plays through `speaker` into an ALSA capture device, byte-identical to what was synthesised', async () => {
    const dir = scratch()
    const { env, rawPrefix } = alsaCaptureConfig(dir)
    const install = await detectEspeakCli()
    const engine = new EspeakCliEngine(install!)
    const clips = await Promise.all(
      ['欢迎小橘子', '感谢阿伟送的玫瑰'].map((text) =>
        engine.synthesize({ text, voice: '', rate: 175 })
      )
    )
    const p = player({ sink: { kind: 'speaker' }, env })
    await p.start()
    for (const clip of clips) expect((await p.play(clip)).played).toBe(true)
    await p.stop(Date.now() + 2000)
    const files = readdirSync(dir)
      .filter((f) => /^out\.raw\.\d+$/.test(f))
      .sort()
    expect(files).toHaveLength(2)
    const captured = Buffer.concat(files.map((f) => readFileSync(join(dir, f))))
    const synthesised = Buffer.concat(clips.map((c) => Buffer.from(c.pcm)))
    expect(captured.byteLength).toBe(synthesised.byteLength)
    expect(captured.equals(synthesised)).toBe(true)
    expect(rawPrefix).toContain(dir)
  })

  it('with no audio device: a clear message, no crash, clips counted as not played', async () => {
    const env = alsaNoDeviceConfig(scratch())
    const p = player({ sink: { kind: 'speaker' }, env })
    const failure = await p.start().then(
      () => undefined,
      (err: Error) => err
    )
    expect(failure?.message).toMatch(/no audio output device could be opened/)
    expect(failure?.message).toMatch(/wav:<file>/)
    const result = await p.play(tone(100))
    expect(result).toMatchObject({
      played: false,
      reason: 'not-played',
      detail: expect.stringMatching(/no audio output device/)
    })
    expect(p.status()).toMatchObject({ state: 'down', notPlayed: 1 })
  })

  it('a crashed player process is restarted by the ComponentManager', async () => {
    const channels: PlayerChannel[] = []
    const file = join(scratch(), 'crash.wav')
    const p = player({
      sink: { kind: 'wav', file },
      launcher: (f, env) => (channels.push(forkPlayer(f, env)), channels.at(-1)!)
    })
    const manager = new ComponentManager({ baseBackoffMs: 20 })
    defer(() => manager.dispose())
    manager.register(p)
    await manager.startAll()
    expect(p.status().state).toBe('ready')
    channels[0]!.kill()
    await waitFor(
      () => manager.status()[0]!.restarts === 1 && p.status().state === 'ready',
      'player restart'
    )
    expect(manager.status()[0]).toMatchObject({
      id: 'audio-player',
      state: 'running',
      restarts: 1,
      lastError: expect.stringMatching(/exited/)
    })
    expect((await p.play(tone(50))).played).toBe(true)
    expect(channels).toHaveLength(2)
  })

  it('skip ends the current clip; pause holds playback until resume; clear drops what waits', async () => {
    const p = player({ sink: { kind: 'null' }, pace: 'realtime' })
    await p.start()
    const long = p.play(tone(3000))
    await waitFor(() => p.busy, 'playing')
    await new Promise((r) => setTimeout(r, 100))
    p.skip()
    expect(await long).toMatchObject({ played: false, reason: 'skipped' })

    p.pause()
    let done = false
    const held = p.play(tone(100)).then((r) => ((done = true), r))
    await new Promise((r) => setTimeout(r, 300))
    expect(done).toBe(false)
    p.resume()
    expect((await held).played).toBe(true)

    const first = p.play(tone(2000))
    const second = p.play(tone(2000))
    await new Promise((r) => setTimeout(r, 100))
    p.clear()
    expect(await first).toMatchObject({ played: false, reason: 'cleared' })
    expect(await second).toMatchObject({ played: false, reason: 'cleared' })
  })

  it('skip and clear work while paused', async () => {
    const p = player({ sink: { kind: 'null' }, pace: 'realtime' })
    await p.start()
    const playing = p.play(tone(3000))
    await waitFor(() => p.busy, 'playing')
    await new Promise((r) => setTimeout(r, 100))
    p.pause()
    p.skip()
    expect(await playing).toMatchObject({ played: false, reason: 'skipped' })
    const held = p.play(tone(3000))
    await new Promise((r) => setTimeout(r, 100))
    p.clear()
    expect(await held).toMatchObject({ played: false, reason: 'cleared' })
    expect(p.paused).toBe(true)
  })

  it('volume scales the samples', async () => {
    const file = join(scratch(), 'vol.wav')
    const p = player({ sink: { kind: 'wav', file }, volume: 0.5 })
    await p.start()
    const clip = tone(200)
    await p.play(clip)
    await p.stop(Date.now() + 2000)
    const rms = pcmRms(parseWav(readFileSync(file)).pcm)
    expect(rms / pcmRms(clip.pcm)).toBeCloseTo(0.5, 2)
  })
})

describe('recordings survive crashes and never clobber other files', () => {
  it('kill -9 mid-clip leaves a readable WAV; the restarted player appends to it', async () => {
    const channels: PlayerChannel[] = []
    const file = join(scratch(), 'session.wav')
    const p = player({
      sink: { kind: 'wav', file },
      pace: 'realtime',
      launcher: (f, env) => (channels.push(forkPlayer(f, env)), channels.at(-1)!)
    })
    const manager = new ComponentManager({ baseBackoffMs: 20 })
    defer(() => manager.dispose())
    manager.register(p)
    await manager.startAll()
    const first = p.play(tone(3000))
    // Wait until some audio is on disk, then kill the process without any chance to finish.
    await waitFor(() => {
      try {
        return parseWav(readFileSync(file)).pcm.byteLength > 4410
      } catch {
        return false
      }
    }, 'audio on disk')
    // Read the file the moment the process is dead, before the restarted player appends. The
    // header may trail the data by the one chunk written as the process died (the appender counts
    // by file size, so that chunk is kept), but the file is readable either way.
    let partial = 0
    let readable = 0
    channels[0]!.onExit(() => {
      partial = statSync(file).size - 44
      readable = parseWav(readFileSync(file)).pcm.byteLength
    })
    channels[0]!.kill()
    await waitFor(() => p.status().state === 'ready' && channels.length === 2, 'restart')
    expect(partial).toBeGreaterThan(4410)
    expect(partial).toBeLessThan(tone(3000).pcm.byteLength)
    expect(readable).toBeGreaterThanOrEqual(partial - 2206)
    // The line cut off is played again, whole, after the restart; then the next one.
    expect((await first).played).toBe(true)
    expect((await p.play(tone(100))).played).toBe(true)
    const after = parseWav(readFileSync(file))
    expect(after.format).toEqual(format)
    expect(after.pcm.byteLength).toBe(
      partial + tone(3000).pcm.byteLength + tone(100).pcm.byteLength
    )
    const pcm = Buffer.from(after.pcm)
    expect(pcm.subarray(0, partial).equals(Buffer.from(tone(3000).pcm).subarray(0, partial))).toBe(
      true
    )
  })

  it('a recording name that points at an existing non-WAV file: playback goes on, the file is untouched', async () => {
    const dir = scratch()
    const record = join(dir, 'notes.wav')
    writeFileSync(record, 'not audio\n')
    const p = player({ sink: { kind: 'null' }, record })
    const logs: string[] = []
    p.onLog(({ message }) => logs.push(message))
    await p.start()
    expect((await p.play(tone(50))).played).toBe(true)
    expect((await p.play(tone(50))).played).toBe(true)
    await p.stop(Date.now() + 2000)
    expect(readFileSync(record, 'utf8')).toBe('not audio\n')
    expect(logs).toEqual([expect.stringMatching(/recording stopped .*not a 16-bit PCM WAV/)])
  })
})

/** Forks the real player and keeps every channel, so a test can kill one like `kill -9` would. */
function recordingLauncher() {
  const channels: PlayerChannel[] = []
  let failWith: string | undefined
  const launcher = (f: string, env: NodeJS.ProcessEnv) => {
    channels.push(forkPlayer(failWith ?? f, env))
    return channels.at(-1)!
  }
  return {
    channels,
    launcher,
    /** From now on the player cannot start at all (its program is gone, like an unplugged device). */
    breakPlayer: (dir: string) => (failWith = join(dir, 'no-such-player.js'))
  }
}

function managed(p: AudioPlayer): ComponentManager {
  const manager = new ComponentManager({ baseBackoffMs: 20 })
  defer(() => manager.dispose())
  manager.register(p)
  return manager
}

const wavBytes = (file: string) => {
  try {
    return parseWav(readFileSync(file)).pcm.byteLength
  } catch {
    return 0
  }
}

describe('a player crash loses nothing', () => {
  it('kill -9 mid-line: the line cut off and the lines queued behind it all play after the restart', async () => {
    const file = join(scratch(), 'crash.wav')
    const { channels, launcher } = recordingLauncher()
    const p = player({ sink: { kind: 'wav', file }, pace: 'realtime', launcher })
    await managed(p).startAll()
    const clips = [tone(1500, 1), tone(200, 2), tone(200, 3), tone(100, 4)]
    const results = clips.map((c) => p.play(c))
    await waitFor(() => wavBytes(file) > 4410, 'the first line on disk')
    channels[0]!.kill()
    const settled = await Promise.all(results)
    expect(settled.map((r) => r.played)).toEqual([true, true, true, true])
    expect(channels).toHaveLength(2)
    expect(p.status()).toMatchObject({ state: 'ready', played: 4, notPlayed: 0 })
    await p.stop(Date.now() + 2000)
    // The file holds the part played before the crash, then every line whole, in order.
    const pcm = Buffer.from(parseWav(readFileSync(file)).pcm)
    const whole = Buffer.concat(clips.map((c) => Buffer.from(c.pcm)))
    expect(pcm.byteLength).toBeGreaterThan(whole.byteLength)
    expect(pcm.subarray(pcm.byteLength - whole.byteLength).equals(whole)).toBe(true)
  })

  it('a line asked for while the player is down waits for the restart instead of failing', async () => {
    const { channels, launcher } = recordingLauncher()
    const p = player({ sink: { kind: 'null' }, launcher })
    const manager = managed(p)
    await manager.startAll()
    channels[0]!.kill()
    await waitFor(() => p.status().state === 'down', 'the crash')
    const result = await p.play(tone(50))
    expect(result.played).toBe(true)
    expect(manager.status()[0]).toMatchObject({ restarts: 1, state: 'running' })
  })

  it('a line that crashes the player every time is given up after maxReplays, with the reason', async () => {
    const { channels, launcher } = recordingLauncher()
    let poison = true
    const killing = (f: string, env: NodeJS.ProcessEnv): PlayerChannel => {
      const channel = launcher(f, env)
      return {
        ...channel,
        onMessage: (fn) =>
          channel.onMessage((m) => {
            fn(m)
            if (poison && (m as { type: string }).type === 'started') channel.kill()
          })
      }
    }
    const p = player({ sink: { kind: 'null' }, pace: 'realtime', launcher: killing, maxReplays: 2 })
    await managed(p).startAll()
    const result = await p.play(tone(1000))
    expect(result).toMatchObject({
      played: false,
      reason: 'not-played',
      detail: expect.stringMatching(/exited \(SIGKILL\).*interrupted 3 times/)
    })
    // Played three times (the first try and two replays), each cut off by a crash.
    expect(channels).toHaveLength(3)
    poison = false
    await waitFor(() => p.status().state === 'ready', 'the fourth start')
    expect((await p.play(tone(50))).played).toBe(true)
  })

  it('when the player cannot come back, waiting lines are not played, with the reason, and later ones are answered at once', async () => {
    const dir = scratch()
    const { channels, launcher, breakPlayer } = recordingLauncher()
    const p = player({ sink: { kind: 'null' }, launcher, restartWaitMs: 1500 })
    await managed(p).startAll()
    breakPlayer(dir)
    channels[0]!.kill()
    const before = Date.now()
    const waited = await p.play(tone(50))
    expect(Date.now() - before).toBeGreaterThanOrEqual(1400)
    expect(waited).toMatchObject({
      played: false,
      reason: 'not-played',
      detail: expect.stringMatching(
        /audio player process exited \(code 1\): Error: Cannot find module .*no-such-player\.js.* \| code: 'MODULE_NOT_FOUND'/
      )
    })
    expect(channels.length).toBeGreaterThanOrEqual(2)
    const quick = Date.now()
    expect(await p.play(tone(50))).toMatchObject({ played: false, reason: 'not-played' })
    expect(Date.now() - quick).toBeLessThan(100)
    expect(p.status().notPlayed).toBe(2)
  })

  it('skip and clear reach lines waiting for the restart', async () => {
    const { channels, launcher, breakPlayer } = recordingLauncher()
    const p = player({ sink: { kind: 'null' }, launcher })
    await managed(p).startAll()
    breakPlayer(scratch())
    channels[0]!.kill()
    await waitFor(() => p.status().state === 'down', 'the crash')
    const first = p.play(tone(50))
    const second = p.play(tone(50))
    const third = p.play(tone(50))
    await new Promise((r) => setTimeout(r, 20))
    p.skip()
    expect(await first).toMatchObject({ played: false, reason: 'skipped' })
    p.clear()
    expect(await second).toMatchObject({ played: false, reason: 'cleared' })
    expect(await third).toMatchObject({ played: false, reason: 'cleared' })
  })
})

describe('switching the output loses nothing', () => {
  it('the line playing when the output changes plays whole on the new output, then the next', async () => {
    const dir = scratch()
    const [a, b] = [join(dir, 'a.wav'), join(dir, 'b.wav')]
    const p = player({ sink: { kind: 'wav', file: a }, pace: 'realtime' })
    await p.start()
    const long = tone(2000, 1)
    const playing = p.play(long)
    await waitFor(() => wavBytes(a) > 4410, 'the line on the first output')
    const switched = p.switchOutput({ kind: 'wav', file: b }, undefined)
    const next = p.play(tone(100, 2))
    await switched
    expect((await playing).played).toBe(true)
    expect((await next).played).toBe(true)
    await p.stop(Date.now() + 2000)
    const onB = Buffer.from(parseWav(readFileSync(b)).pcm)
    const expected = Buffer.concat([Buffer.from(long.pcm), Buffer.from(tone(100, 2).pcm)])
    expect(onB.equals(expected)).toBe(true)
    expect(wavBytes(a)).toBeLessThan(long.pcm.byteLength)
    expect(p.status()).toMatchObject({ sink: `wav:${b}`, played: 2, notPlayed: 0 })
  })
})

describe('an idle player is parked to save memory', () => {
  it('its process exits when idle, and the next line starts it again, appending to the same WAV', async () => {
    const file = join(scratch(), 'parked.wav')
    const { launcher, launched, alive } = countingLauncher()
    const p = player({ sink: { kind: 'wav', file }, parkAfterMs: 200, launcher })
    await p.start()
    expect((await p.play(tone(100, 1))).played).toBe(true)
    await waitFor(() => alive() === 0, 'the idle player to exit')
    // Parked, not broken: the WAV was finalised, and the status still says ready.
    expect(parseWav(readFileSync(file)).pcm.byteLength).toBe(tone(100, 1).pcm.byteLength)
    expect(p.status()).toMatchObject({ state: 'ready', played: 1 })
    p.pause() // a pause while parked holds the restarted player too
    const next = p.play(tone(200, 2))
    await waitFor(() => p.status().state === 'ready' && alive() === 1, 'the restart')
    await new Promise((r) => setTimeout(r, 100))
    expect(wavBytes(file)).toBe(tone(100, 1).pcm.byteLength)
    p.resume()
    expect((await next).played).toBe(true)
    expect(launched()).toBe(2)
    await p.stop(Date.now() + 2000)
    const pcm = Buffer.from(parseWav(readFileSync(file)).pcm)
    expect(
      pcm.equals(Buffer.concat([Buffer.from(tone(100, 1).pcm), Buffer.from(tone(200, 2).pcm)]))
    ).toBe(true)
    expect(p.status()).toMatchObject({ state: 'stopped', played: 2, notPlayed: 0 })
  })

  it('warm() starts a parked player before its line is asked for; parkAfterMs 0 never parks', async () => {
    const { launcher, alive } = countingLauncher()
    const p = player({ sink: { kind: 'null' }, parkAfterMs: 100, launcher })
    await p.start()
    await waitFor(() => alive() === 0, 'parked')
    p.warm()
    await waitFor(() => alive() === 1 && p.status().state === 'ready', 'warmed up')
    expect((await p.play(tone(50))).played).toBe(true)

    const never = player({ sink: { kind: 'null' }, parkAfterMs: 0, launcher })
    await never.start()
    await waitFor(() => alive() === 1, 'the first player parked again')
    await new Promise((r) => setTimeout(r, 300))
    expect(alive()).toBe(1) // the one that never parks
  })
  it('parkAfterStartMs: a start with nothing to play checks the device, then parks at once', async () => {
    const { launcher, launched, alive } = countingLauncher()
    // A missing device still fails the start itself.
    const env = alsaNoDeviceConfig(scratch())
    const broken = player({ sink: { kind: 'speaker' }, env, parkAfterStartMs: 0 })
    await expect(broken.start()).rejects.toThrow(/no audio output device could be opened/)

    const p = player({
      sink: { kind: 'null' },
      parkAfterMs: 60_000,
      parkAfterStartMs: 0,
      launcher
    })
    await p.start()
    expect(launched()).toBe(1)
    await waitFor(() => alive() === 0, 'the started player to park')
    expect(p.status()).toMatchObject({ state: 'ready' })
    expect((await p.play(tone(50))).played).toBe(true)
    expect(launched()).toBe(2)
    // After a line, the ordinary idle time applies: it is still up.
    await new Promise((r) => setTimeout(r, 300))
    expect(alive()).toBe(1)
  })
})

describe('a start that a probe of the same output just made (output-probe.ts)', () => {
  const speaker = { sink: { kind: 'speaker' as const }, parkAfterStartMs: 0 }

  it('is taken instead of a process: parked, what the probe heard said, the first line played', async () => {
    const { env } = alsaCaptureConfig(scratch())
    const { launcher, launched } = countingLauncher()
    const config = { sink: speaker.sink, pace: 'fast' as const, volume: 1 }
    const probed = await probeOutput({ file: PLAYER, env, launcher, config })
    expect(launched()).toBe(1)
    // What a probe's player said (a device fallback, say) is reported by the start it replaces.
    const withLog = new ProbedOutput(
      config,
      [{ type: 'log', level: 'warn', message: 'device x cannot be opened' }],
      Date.now()
    )
    for (const output of [probed!, withLog]) {
      const p = player({ ...speaker, env, launcher, probed: output })
      const logs: string[] = []
      p.onLog((entry) => logs.push(`${entry.level} ${entry.code} ${entry.message}`))
      const launchedBefore = launched()
      await p.start()
      expect(launched()).toBe(launchedBefore) // no second check
      expect(p.status()).toMatchObject({ state: 'ready', lastError: undefined })
      expect(logs).toEqual(
        output === withLog ? ['warn audio-device audio: device x cannot be opened'] : []
      )
      expect((await p.play(tone(100))).played).toBe(true)
      expect(launched()).toBe(launchedBefore + 1) // started for the line
    }
  })

  it('is not taken for another output, or when a start would not park at once', async () => {
    const { env } = alsaCaptureConfig(scratch())
    const { launcher, launched } = countingLauncher()
    const config = { sink: speaker.sink, pace: 'fast' as const, volume: 1 }
    const cases = [
      { probed: new ProbedOutput({ ...config, sink: { kind: 'null' } }, [], Date.now()) },
      { probed: new ProbedOutput(config, [], Date.now()), parkAfterStartMs: 60_000 }
    ]
    for (const [i, extra] of cases.entries()) {
      await player({ ...speaker, env, launcher, ...extra }).start()
      expect(launched()).toBe(i + 1)
    }
  })
})

describe('no orphans', () => {
  it('a player process that never becomes ready is killed when its start times out', async () => {
    const dir = scratch()
    const silent = join(dir, 'silent-player.js')
    // Takes the config and never answers, like a player stuck in a loop.
    writeFileSync(silent, "process.on('message', () => {}); setInterval(() => {}, 1000)\n")
    let exit: { code: number | null; signal: string | null } | undefined
    const p = player({
      sink: { kind: 'null' },
      readyTimeoutMs: 300,
      launcher: (_f, env) => {
        const channel = forkPlayer(silent, env)
        channel.onExit((code, signal) => (exit = { code, signal }))
        return channel
      }
    })
    await expect(p.start()).rejects.toThrow(/did not start within the time limit/)
    await waitFor(() => exit !== undefined, 'the stuck process to be killed')
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' })
    expect(p.status()).toMatchObject({
      state: 'down',
      lastError: expect.stringMatching(/time limit/)
    })
  })
})
