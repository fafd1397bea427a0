import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PlayerConfig } from '../../../shared/player-protocol'
import { parseWav } from '../../../shared/wav-format'
import {
  alsaCaptureConfig,
  alsaNoDeviceConfig,
  requireBuild,
  tempDir,
  WORKER_DIR
} from '../../testing/paths'
import { waitFor } from '../../testing/wait-for'
import { AudioPlayer, type AudioPlayerOptions } from './audio-player'
import { PROBE_VALID_MS, ProbedOutput, probeOutput } from './output-probe'
import { forkPlayer, type PlayerLauncher } from './player-launcher'

requireBuild()
const PLAYER = join(WORKER_DIR, 'player.process.js')
const format = { sampleRate: 22050, channels: 1, bitDepth: 16 as const }
const clip = { format, pcm: new Uint8Array(2205 * 2).fill(7) }

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function scratch(): string {
  const t = tempDir()
  cleanups.push(t.cleanup)
  return t.dir
}

/** forkPlayer, counting the processes started and still alive. */
function counting(): { launcher: PlayerLauncher; launched: () => number; alive: () => number } {
  let launched = 0
  let alive = 0
  return {
    launcher: (file, env) => {
      const channel = forkPlayer(file, env)
      launched++
      alive++
      channel.onExit(() => alive--)
      return channel
    },
    launched: () => launched,
    alive: () => alive
  }
}

const speaker = (record?: string): PlayerConfig => ({
  sink: { kind: 'speaker' },
  pace: 'fast',
  volume: 1,
  ...(record ? { record } : {})
})

/** The real player checking the speaker (through `env`'s ALSA config), counted by `count`. */
const probeSpeaker = (env: NodeJS.ProcessEnv, count: ReturnType<typeof counting>) =>
  probeOutput({ file: PLAYER, env, launcher: count.launcher, config: speaker() })

describe('probeOutput: the player started once and shut down', () => {
  it('opens the device in a real player process, which is gone when it resolves', async () => {
    const dir = scratch()
    const { env, rawPrefix } = alsaCaptureConfig(dir)
    const count = counting()
    const probed = await probeSpeaker(env, count)
    expect(probed).toBeInstanceOf(ProbedOutput)
    expect(count.launched()).toBe(1)
    expect(count.alive()).toBe(0) // exited (cleanly) before the probe resolved
    // `speaker` opened the ALSA device once: the capture plugin made its file.
    const opened = readdirSync(dir).filter((f) => join(dir, f).startsWith(rawPrefix))
    expect(opened).toHaveLength(1)
  })

  it('resolves undefined when the player cannot start (no device), and leaves no process', async () => {
    const count = counting()
    const probed = await probeSpeaker(alsaNoDeviceConfig(scratch()), count)
    expect(probed).toBeUndefined()
    expect(count.launched()).toBe(1)
    await waitFor(() => count.alive() === 0, 'the failed player to be gone')
  })

  it('resolves undefined when the player never answers (killed at the time limit)', async () => {
    const silent = join(scratch(), 'silent-player.js')
    writeFileSync(silent, "process.on('message', () => {}); setInterval(() => {}, 1000)\n")
    const count = counting()
    const probed = await probeOutput({
      file: silent,
      launcher: count.launcher,
      readyTimeoutMs: 300,
      config: speaker()
    })
    expect(probed).toBeUndefined()
    await waitFor(() => count.alive() === 0, 'the stuck player to be killed')
  })

  it('a recording in the config is opened by the probe as by a start: an empty, valid WAV', async () => {
    const dir = scratch()
    const record = join(dir, 'rec.wav')
    const probed = await probeOutput({
      file: PLAYER,
      env: alsaCaptureConfig(dir).env,
      config: speaker(record)
    })
    expect(probed).toBeDefined()
    expect(parseWav(readFileSync(record)).pcm.byteLength).toBe(0)
  })
})

describe('ProbedOutput.take', () => {
  const at = 1_000_000
  const log = { type: 'log', level: 'warn', message: 'audio fell back' } as const

  it('stands in once, for the same output (sink, recording, pace), while fresh', () => {
    const probed = new ProbedOutput(speaker(), [log], at)
    expect(probed.take({ ...speaker(), sink: { kind: 'null' } }, at)).toBeUndefined()
    expect(probed.take(speaker('/r/a.wav'), at)).toBeUndefined()
    expect(probed.take({ ...speaker(), pace: 'realtime' }, at)).toBeUndefined()
    // The volume is not the output: the next start sends the current one anyway.
    expect(probed.take({ ...speaker(), volume: 0.5 }, at + 10)).toEqual([log])
    expect(probed.take(speaker(), at + 20)).toBeUndefined() // once
  })

  it('does not stand in once it is older than PROBE_VALID_MS', () => {
    const probed = new ProbedOutput(speaker(), [], at)
    expect(probed.take(speaker(), at + PROBE_VALID_MS + 1)).toBeUndefined()
    expect(new ProbedOutput(speaker(), [], at).take(speaker(), at + PROBE_VALID_MS)).toEqual([])
  })
})

describe('AudioPlayer with a probed output', () => {
  /** A speaker player that parks right after its start, stopped and disposed after the test. */
  function speakerPlayer(
    env: NodeJS.ProcessEnv,
    count: ReturnType<typeof counting>,
    extra: Partial<AudioPlayerOptions>
  ): AudioPlayer {
    const p = new AudioPlayer({
      file: PLAYER,
      env,
      launcher: count.launcher,
      ...speaker(),
      parkAfterStartMs: 0,
      ...extra
    })
    cleanups.push(
      () => p.stop(Date.now() + 2000),
      () => p.dispose()
    )
    return p
  }

  it('starts parked without a process, says what the probe heard, and plays the first line', async () => {
    const dir = scratch()
    const { env } = alsaCaptureConfig(dir)
    const count = counting()
    const probed = await probeSpeaker(env, count)
    // What a probe's player said (a device fallback, say) is reported by the start it replaces.
    const withLog = new ProbedOutput(
      speaker(),
      [{ type: 'log', level: 'warn', message: 'device x cannot be opened' }],
      Date.now()
    )
    for (const output of [probed!, withLog]) {
      const p = speakerPlayer(env, count, { probed: output })
      const logs: string[] = []
      p.onLog((entry) => logs.push(`${entry.level} ${entry.code} ${entry.message}`))
      const launchedBefore = count.launched()
      await p.start()
      expect(count.launched()).toBe(launchedBefore) // no second check
      expect(p.status()).toMatchObject({ state: 'ready', lastError: undefined })
      expect(logs).toEqual(
        output === withLog ? ['warn audio-device audio: device x cannot be opened'] : []
      )
      expect((await p.play(clip)).played).toBe(true)
      expect(count.launched()).toBe(launchedBefore + 1) // started for the line
    }
  })

  it('launches as before when the probe is of another output, or parkAfterStartMs is not 0', async () => {
    const { env } = alsaCaptureConfig(scratch())
    const count = counting()
    const cases = [
      { probed: new ProbedOutput({ ...speaker(), sink: { kind: 'null' } }, [], Date.now()) },
      { probed: new ProbedOutput(speaker(), [], Date.now()), parkAfterStartMs: 60_000 }
    ]
    for (const [i, extra] of cases.entries()) {
      const p = speakerPlayer(env, count, extra)
      await p.start()
      expect(count.launched()).toBe(i + 1)
    }
  })
})
