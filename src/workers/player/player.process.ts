import type { PlayerCommand, PlayerConfig, PlayerReply } from '../../shared/player-protocol'
import { PlayerLoop } from './player-loop'

/**
 * Audio player child process entry (Node `fork` with advanced serialisation, or Electron
 * `utilityProcess`). It is its own process because loading `speaker` with no audio device aborts
 * whatever process loads it. The first message is `{type: 'config', config}`.
 */
interface Port {
  send(message: PlayerReply, then?: () => void): void
  onMessage(fn: (message: unknown) => void): void
}

type ElectronParentPort = {
  postMessage(m: unknown): void
  on(e: 'message', fn: (e: { data: unknown }) => void): void
}

function connect(): Port {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort
  if (electronPort) {
    return {
      send: (m, then) => {
        electronPort.postMessage(m)
        if (then) setTimeout(then, 20)
      },
      onMessage: (fn) => electronPort.on('message', (e) => fn(e.data))
    }
  }
  const send = process.send?.bind(process)
  if (!send) throw new Error('player.process must be started with an IPC channel')
  return {
    send: (m, then) => void send(m, undefined, {}, () => then?.()),
    onMessage: (fn) => process.on('message', fn)
  }
}

const parent = connect()
let loop: PlayerLoop | undefined

parent.onMessage((message) => {
  if (!loop) {
    const first = message as { type?: string; config?: PlayerConfig }
    if (first.type !== 'config' || !first.config) {
      parent.send({
        type: 'log',
        level: 'error',
        message: `player: expected config first, got ${String(first.type)}`
      })
      return
    }
    loop = new PlayerLoop(first.config, (reply) =>
      reply.type === 'closed' ? parent.send(reply, () => process.exit(0)) : parent.send(reply)
    )
    parent.send({ type: 'ready', sink: loop.sinkName })
    return
  }
  loop.handle(message as PlayerCommand)
})

// The main process went away: nothing left to play for.
process.on('disconnect', () => process.exit(0))
