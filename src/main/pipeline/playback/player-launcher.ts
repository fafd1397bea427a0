import { fork } from 'node:child_process'
import { join } from 'node:path'

/** The player process's entry, built next to the other entries (out/main). */
export function playerProcessFile(workerDir: string): string {
  return join(workerDir, 'player.process.js')
}

/** The process plumbing the AudioPlayer needs; Node's `fork` here, Electron's `utilityProcess` in the app. */
export interface PlayerChannel {
  send(message: unknown): void
  onMessage(fn: (message: unknown) => void): void
  onExit(fn: (code: number | null, signal: string | null) => void): void
  /** Last lines the process wrote to stderr (alsa-lib explains its aborts there). */
  stderrTail(): string
  kill(): void
}

/**
 * Runtime settings that keep the player small (measured with bench/player-memory.ts): it holds one
 * clip at a time, so a 1 MB young generation is plenty; at most two malloc arenas stop the native
 * audio writes (on libuv's threads) from each growing an arena of their own; two libuv threads
 * serve the one device write and the one recording write that can be in flight. `--jitless`: the
 * player's JavaScript only moves buffers (and scales one clip when the volume is not 100%, ~25 ms
 * for 3 s of audio instead of ~3 ms), so it runs interpreted, without optimising compilers or
 * their code: 6-9 MB less RSS under a flood (bench/memory.ts, four runs each).
 * The user's own environment wins over these.
 */
export const PLAYER_ENV: NodeJS.ProcessEnv = { MALLOC_ARENA_MAX: '2', UV_THREADPOOL_SIZE: '2' }
export const PLAYER_EXEC_ARGV = ['--max-semi-space-size=1', '--jitless']

export type PlayerLauncher = (file: string, env: NodeJS.ProcessEnv) => PlayerChannel

export const forkPlayer: PlayerLauncher = (file, env) => {
  const child = fork(file, [], {
    serialization: 'advanced',
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: PLAYER_EXEC_ARGV
  })
  let tail = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (text: string) => {
    tail = (tail + text).slice(-2000)
  })
  // A player that died (killed with its process group, say) is seen by `exit`, which restarts it
  // and resends every line. Until then a send can hit the closed pipe (EPIPE): with a callback
  // that error is ours to drop, instead of an unhandled 'error' event that ends the app.
  child.on('error', () => {})
  return {
    send: (message) => {
      if (child.connected) child.send(message as never, () => {})
    },
    onMessage: (fn) => child.on('message', fn),
    onExit: (fn) => child.on('exit', fn),
    stderrTail: () => tail.trim(),
    kill: () => {
      child.kill('SIGKILL')
    }
  }
}
