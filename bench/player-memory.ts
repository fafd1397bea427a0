import { fork } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AudioPlayer } from '../src/main/pipeline/playback/audio-player'
import {
  forkPlayer,
  PLAYER_ENV,
  playerProcessFile,
  type PlayerLauncher
} from '../src/main/pipeline/playback/player-launcher'
import { tempDir } from '../src/main/testing/paths'
import type { AudioClip } from '../src/shared/speech'
import { round, WORKER_DIR, type BenchResult, type Row } from './harness'
import { descendants, rssOf } from './tree-rss'

/**
 * The audio player process alone: 1,500 lines of 1–5 s (espeak-ng's format) played through the
 * real `speaker` module into an ALSA device that discards them without pacing, as fast as the
 * player takes them; the player's RSS before and after. Run with the shipped runtime settings
 * (PLAYER_ENV, the launcher's flags) and with a plain `fork` (no flags, no malloc settings) for
 * comparison. Not paced, so 1,500 lines take seconds instead of an hour and a half.
 */
const LINES = 1500

function clip(i: number): AudioClip {
  const frames = Math.round(22_050 * (1 + (i % 5)))
  const pcm = new Int16Array(frames).map((_, j) => ((j * 37) % 2000) - 1000)
  return {
    format: { sampleRate: 22_050, channels: 1, bitDepth: 16 },
    pcm: new Uint8Array(pcm.buffer)
  }
}

function playerPid(): number | undefined {
  return descendants().find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('player.process.js')
    } catch {
      return false
    }
  })
}

/** Node's `fork` with nothing of the player's runtime settings (the state before they existed). */
const plainFork: PlayerLauncher = (file, env) => {
  const clean = { ...env }
  for (const key of Object.keys(PLAYER_ENV)) if (process.env[key] === undefined) delete clean[key]
  const child = fork(file, [], {
    serialization: 'advanced',
    env: clean,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    execArgv: []
  })
  return {
    send: (m) => void (child.connected && child.send(m as never, () => {})),
    onMessage: (fn) => child.on('message', fn),
    onExit: (fn) => child.on('exit', fn),
    stderrTail: () => '',
    kill: () => void child.kill('SIGKILL')
  }
}

async function measure(
  env: NodeJS.ProcessEnv,
  launcher: PlayerLauncher
): Promise<{ idle: number; after: number; series: number[] }> {
  const player = new AudioPlayer({
    file: playerProcessFile(WORKER_DIR),
    sink: { kind: 'speaker' },
    pace: 'fast',
    volume: 1,
    env,
    launcher
  })
  try {
    await player.start()
    await new Promise((r) => setTimeout(r, 1000))
    const pid = playerPid()
    if (pid === undefined) throw new Error('no player process found')
    const idle = rssOf(pid) ?? NaN
    const series: number[] = []
    for (let i = 0; i < LINES; i++) {
      const result = await player.play(clip(i))
      if (!result.played) throw new Error(`line ${i} not played: ${JSON.stringify(result)}`)
      if ((i + 1) % 100 === 0) series.push(round(rssOf(pid) ?? NaN))
    }
    return { idle, after: rssOf(pid) ?? NaN, series }
  } finally {
    await player.stop(Date.now() + 3000)
    player.dispose()
  }
}

export async function run(): Promise<BenchResult> {
  const scratch = tempDir()
  const conf = join(scratch.dir, 'asound.conf')
  writeFileSync(conf, 'pcm.!default { type null }\n')
  const env = { ALSA_CONFIG_PATH: conf }
  try {
    const shipped = await measure(env, forkPlayer)
    const plain = await measure(env, plainFork)
    const rows: Row[] = [
      [
        `player RSS, idle → after ${LINES} lines`,
        `${round(shipped.idle)} → ${round(shipped.after)} MB`,
        `shipped flags; plain fork ${round(plain.idle)} → ${round(plain.after)} MB`
      ]
    ]
    return {
      name: 'player',
      rows,
      results: { playerMemory: { lines: LINES, shipped, plainFork: plain } }
    }
  } finally {
    scratch.cleanup()
  }
}
