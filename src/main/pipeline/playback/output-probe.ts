import type { PlayerConfig, PlayerReply } from '../../../shared/player-protocol'
import type { PlayerChannel } from './player-launcher'
import { launchPlayer, type LaunchSpec } from './player-session'

type LogReply = Extract<PlayerReply, { type: 'log' }>

/** How long a probe's result stands in for the player's first start. */
export const PROBE_VALID_MS = 10_000

/**
 * The outcome of starting the player once and shutting it down (`probeOutput`): its output opened.
 * The AudioPlayer's first start may take it instead of launching a process only to park it at once
 * (`take`), once, soon after, and for the same output only. What the player said meanwhile (a
 * device fallback) is handed on, so it is reported as if that start had said it.
 */
export class ProbedOutput {
  #taken = false

  constructor(
    private readonly config: PlayerConfig,
    private readonly logs: readonly LogReply[],
    private readonly at: number
  ) {}

  /** The player's replies of the probe, when it proved this output (sink, recording and pace). */
  take(config: PlayerConfig, now = Date.now()): readonly LogReply[] | undefined {
    if (this.#taken || now - this.at > PROBE_VALID_MS || !sameOutput(config, this.config))
      return undefined
    this.#taken = true
    return this.logs
  }
}

const outputKey = (c: PlayerConfig) => JSON.stringify([c.sink, c.record ?? null, c.pace])

function sameOutput(a: PlayerConfig, b: PlayerConfig): boolean {
  return outputKey(a) === outputKey(b)
}

/**
 * Starts the player with `spec.config`, waits for it to report ready, and shuts it down again
 * (its output closed, the process gone). Run by the headless entry before it loads the pipeline,
 * so the player's start-up check never overlaps the app's full memory. Undefined when the player
 * did not start: the pipeline's own start then tries again and reports why, as without a probe.
 */
export async function probeOutput(
  spec: LaunchSpec,
  now: () => number = Date.now
): Promise<ProbedOutput | undefined> {
  const logs: LogReply[] = []
  let ready = false
  let closing = false
  let launched: ReturnType<typeof launchPlayer>
  try {
    launched = launchPlayer(
      { ...spec, readyTimeoutMs: spec.readyTimeoutMs ?? 5000 },
      {
        listening: () => true,
        owns: () => !closing,
        isReady: () => ready,
        onReply: (reply) => {
          if (reply.type === 'log') logs.push(reply)
        },
        onCrash: () => {} // an exit before the shutdown: `exited` below says it was not clean
      }
    )
  } catch {
    return undefined // no process at all (fork refused): the pipeline's start tries and says why
  }
  const { channel, ready: started } = launched
  const exited = new Promise<boolean>((resolve) =>
    channel.onExit((code) => resolve(closing && code === 0))
  )
  try {
    await started
  } catch {
    return undefined // launchPlayer killed it
  }
  ready = true
  closing = true
  channel.send({ type: 'shutdown' })
  const clean = await exitWithin(channel, exited, 5000)
  return clean ? new ProbedOutput(spec.config, logs, now()) : undefined
}

/** The exit's outcome, or false once `ms` pass (the process is then killed). */
async function exitWithin(
  channel: PlayerChannel,
  exited: Promise<boolean>,
  ms: number
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  const clean = await Promise.race([exited, late])
  clearTimeout(timer)
  if (!clean) {
    channel.kill()
    await exited
  }
  return clean
}
