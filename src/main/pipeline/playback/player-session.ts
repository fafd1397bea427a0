import type { PlayerConfig, PlayerReply } from '../../../shared/player-protocol'
import { explainPlayerExit } from './player-exit'
import { forkPlayer, PLAYER_ENV, type PlayerChannel, type PlayerLauncher } from './player-launcher'

export interface LaunchSpec {
  file: string
  config: PlayerConfig
  env?: NodeJS.ProcessEnv
  launcher?: PlayerLauncher
  readyTimeoutMs?: number
}

/** How the supervisor sees one launched process. */
export interface SessionEvents {
  /** Whether replies of this channel still matter (the current one, or one being shut down). */
  listening(channel: PlayerChannel): boolean
  /** Whether this channel's exit is unexpected (it is current and not being shut down). */
  owns(channel: PlayerChannel): boolean
  /** Whether the process reported ready earlier (an exit is then a crash, not a failed start). */
  isReady(): boolean
  onReply(reply: PlayerReply): void
  onCrash(error: Error): void
}

/**
 * Starts one player process and sends it its config. `ready` resolves on its `ready` reply and
 * rejects when it exits first or does not answer in time; a process that did not start is killed,
 * never left behind (it may be spinning, or half alive).
 */
export function launchPlayer(
  spec: LaunchSpec,
  events: SessionEvents
): { channel: PlayerChannel; ready: Promise<void> } {
  const channel = (spec.launcher ?? forkPlayer)(spec.file, {
    ...PLAYER_ENV,
    ...process.env,
    ...spec.env
  })
  let timer: NodeJS.Timeout | undefined
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error('audio player did not start within the time limit')),
      spec.readyTimeoutMs ?? 10_000
    )
    channel.onMessage((message) => {
      if (!events.listening(channel)) return
      const reply = message as PlayerReply
      if (reply.type === 'ready') resolve()
      events.onReply(reply)
    })
    channel.onExit((code, signal) => {
      const error = new Error(explainPlayerExit(code, signal, channel))
      if (!events.owns(channel)) return
      if (events.isReady()) events.onCrash(error)
      else reject(error)
    })
  })
  channel.send({ type: 'config', config: spec.config })
  return {
    channel,
    ready: ready.then(
      () => clearTimeout(timer),
      (err: unknown) => {
        clearTimeout(timer)
        channel.kill()
        throw err
      }
    )
  }
}
