import {
  PLAYER_EXEC_ARGV,
  type PlayerChannel,
  type PlayerLauncher
} from '../pipeline/playback/player-launcher'

/** The slice of Electron's utilityProcess used here. */
export interface UtilityProcessLike {
  fork(
    modulePath: string,
    args: string[],
    options: { env: NodeJS.ProcessEnv; execArgv: string[]; stdio: 'pipe'; serviceName: string }
  ): {
    postMessage(message: unknown): void
    on(event: 'message', fn: (message: unknown) => void): void
    on(event: 'exit', fn: (code: number) => void): void
    stderr: NodeJS.ReadableStream | null
    kill(): boolean
  }
}

/**
 * Starts the audio player as an Electron utility process: its own OS process (a native audio abort
 * cannot take the app down) with structured-clone messaging, like `fork` in headless mode.
 */
export function utilityPlayerLauncher(utilityProcess: UtilityProcessLike): PlayerLauncher {
  return (file, env) => {
    const child = utilityProcess.fork(file, [], {
      env,
      execArgv: PLAYER_EXEC_ARGV,
      stdio: 'pipe',
      serviceName: 'DanmuVoice audio'
    })
    let tail = ''
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-2000))
    )
    const channel: PlayerChannel = {
      send: (message) => {
        try {
          child.postMessage(message)
        } catch {
          // The process is gone: its exit restarts the player and resends every line.
        }
      },
      onMessage: (fn) => child.on('message', fn),
      // utilityProcess reports only an exit code; an abort shows as 134 on POSIX.
      onExit: (fn) => child.on('exit', (code) => fn(code, null)),
      stderrTail: () => tail.trim(),
      kill: () => void child.kill()
    }
    return channel
  }
}
