import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scratchDirs, useCleanups } from '../../testing/cleanups'
import type { PlayerConfig } from '../../../shared/player-protocol'
import { parseWav } from '../../../shared/wav-format'
import {
  alsaCaptureConfig,
  alsaNoDeviceConfig,
  requireBuild,
  WORKER_DIR
} from '../../testing/paths'
import { waitFor } from '../../testing/wait-for'
import { PROBE_VALID_MS, ProbedOutput, probeOutput } from './output-probe'
import { playerProcessFile } from './player-launcher'
import { countingLauncher } from './testing/counting-launcher'

requireBuild()
const PLAYER = playerProcessFile(WORKER_DIR)

const defer = useCleanups()

const scratch = scratchDirs(defer)

const speaker = (record?: string): PlayerConfig => ({
  sink: { kind: 'speaker' },
  pace: 'fast',
  volume: 1,
  ...(record ? { record } : {})
})

/** The real player checking the speaker (through `env`'s ALSA config), counted by `count`. */
const probeSpeaker = (env: NodeJS.ProcessEnv, count: ReturnType<typeof countingLauncher>) =>
  probeOutput({ file: PLAYER, env, launcher: count.launcher, config: speaker() })

describe('probeOutput: the player started once and shut down', () => {
  it('opens the device in a real player process, which is gone when it resolves', async () => {
    const dir = scratch()
    const { env, rawPrefix } = alsaCaptureConfig(dir)
    const count = countingLauncher()
    const probed = await probeSpeaker(env, count)
    expect(probed).toBeInstanceOf(ProbedOutput)
    expect(count.launched()).toBe(1)
    expect(count.alive()).toBe(0) // exited (cleanly) before the probe resolved
    // `speaker` opened the ALSA device once: the capture plugin made its file.
    const opened = readdirSync(dir).filter((f) => join(dir, f).startsWith(rawPrefix))
    expect(opened).toHaveLength(1)
  })

  it('resolves undefined when the player cannot start (no device), and leaves no process', async () => {
    const count = countingLauncher()
    const probed = await probeSpeaker(alsaNoDeviceConfig(scratch()), count)
    expect(probed).toBeUndefined()
    expect(count.launched()).toBe(1)
    await waitFor(() => count.alive() === 0, 'the failed player to be gone')
  })

  it('resolves undefined when the player never answers (killed at the time limit)', async () => {
    const silent = join(scratch(), 'silent-player.js')
    writeFileSync(silent, "process.on('message', () => {}); setInterval(() => {}, 1000)\n")
    const count = countingLauncher()
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
