import { forkPlayer, type PlayerLauncher } from '../player-launcher'

/** The real player launcher (`fork`), counting the processes it started and those still alive. */
export function countingLauncher(): {
  launcher: PlayerLauncher
  launched: () => number
  alive: () => number
} {
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
