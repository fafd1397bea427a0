import type { EventType, LiveEvent } from '../../../../shared/events'
import type { Settings } from '../../../../shared/settings'
import type { DropReason } from '../../../../shared/speech'
import { processEvent } from '../../../../workers/processing/process-event'
import { SpamGuard } from '../../speech-policy/spam-guard'
import { SpeechPlanner } from '../speech-planner'
import type { SpokenLine } from '../spoken-line'

/**
 * Runs the planner over a recorded or generated room on a virtual clock: events arrive at their
 * timestamps, go through the real processing rules and anti-spam, and a virtual speaker plays each
 * line for as long as it would take (characters × ms per character, faster by the rate boost).
 * Deterministic and instant, so the planner's behaviour over minutes of a busy room can be tested.
 */

export interface SimulatedEvent {
  type: EventType
  receivedAt: number
  /** Start of the line that covered it. */
  ackAt?: number
  /** Covered by a line of several events. */
  merged?: boolean
  /** On a line of its own (big gifts). */
  ownLine?: boolean
  dropped?: DropReason
  big?: boolean
}

export interface Simulation {
  events: Map<string, SimulatedEvent>
  lines: { line: SpokenLine; at: number; ms: number }[]
  /** Boost of each line, percent, in order. */
  boosts: number[]
  /** How many records each event appeared in (must be exactly one). */
  appearances: Map<string, number>
}

export function simulatePlanner(
  room: readonly LiveEvent[],
  settings: Settings,
  options: { msPerChar?: number; drainMs?: number; stepMs?: number; leadMs?: number } = {}
): Simulation {
  let clock = room[0]?.ts ?? 0
  const now = () => clock
  const planner = new SpeechPlanner(() => settings, now)
  const guard = new SpamGuard(() => settings, now)
  const config = { ...settings, shedLevel: 0 }
  // espeak-ng at the default rate, measured on lines like these (platform-notes.md: 2.5–4 s a line).
  const msPerChar = options.msPerChar ?? 215
  const step = options.stepMs ?? 50
  const sim: Simulation = { events: new Map(), lines: [], boosts: [], appearances: new Map() }
  const appear = (id: string) => sim.appearances.set(id, (sim.appearances.get(id) ?? 0) + 1)
  const drop = (id: string, reason: DropReason) => {
    sim.events.get(id)!.dropped = reason
    appear(id)
  }
  planner.onDidDrop(({ drafts, reason }) => drafts.forEach((d) => drop(d.eventId, reason)))
  const end = (room.at(-1)?.ts ?? clock) + (options.drainMs ?? 60_000)
  let next = 0
  let busyUntil = clock
  let commitAt: number | undefined
  for (; clock <= end; clock += step) {
    while (next < room.length && room[next]!.ts <= clock) {
      const event = room[next++]!
      sim.events.set(event.id, { type: event.type, receivedAt: clock })
      const outcome = processEvent({ event, receivedAt: clock }, config)
      if (!outcome.ok) {
        drop(event.id, outcome.reason)
        continue
      }
      if (outcome.draft.big) sim.events.get(event.id)!.big = true
      const refused = guard.admit(outcome.draft, 0)
      if (refused) drop(event.id, refused)
      else planner.push(outcome.draft)
    }
    if (clock < busyUntil) {
      // The dispatcher settles the next line shortly before this one ends.
      if (commitAt !== undefined && clock >= commitAt) {
        planner.prepareNext(clock)
        commitAt = undefined
      }
      continue
    }
    const line = planner.take(clock)
    if (!line) continue
    const ms = Math.max(600, spokenLength(line.text) * msPerChar) / (1 + (line.boost ?? 0) / 100)
    for (const d of line.drafts) {
      const e = sim.events.get(d.eventId)!
      e.ackAt = clock
      e.merged = line.drafts.length > 1
      e.ownLine = line.drafts.length === 1
      appear(d.eventId)
    }
    sim.lines.push({ line, at: clock, ms })
    sim.boosts.push(line.boost ?? 0)
    busyUntil = clock + ms
    commitAt = busyUntil - (options.leadMs ?? 400)
    planner.learn(line, ms)
  }
  return sim
}

/**
 * How long a text is to say, in characters: a digit is read as nearly two syllables (538 →
 * 五百三十八), which espeak-ng's timing on our lines bears out (about 1.8).
 */
export function spokenLength(text: string): number {
  let n = 0
  for (const c of text) n += /\d/.test(c) ? 1.8 : 1
  return n
}

/** Per type: how many arrived, how many were acknowledged within `withinMs`, lag percentiles. */
export function ackSummary(
  sim: Simulation,
  type: EventType,
  withinMs = 30_000,
  filter: (e: SimulatedEvent) => boolean = () => true
): { n: number; coverage: number; p50: number; p95: number; max: number } {
  const events = [...sim.events.values()].filter((e) => e.type === type && filter(e))
  const lags = events
    .filter((e) => e.ackAt !== undefined)
    .map((e) => e.ackAt! - e.receivedAt)
    .sort((a, b) => a - b)
  const q = (p: number) => lags[Math.min(lags.length - 1, Math.ceil(p * lags.length) - 1)] ?? NaN
  return {
    n: events.length,
    coverage: events.length === 0 ? 1 : lags.filter((l) => l <= withinMs).length / events.length,
    p50: q(0.5),
    p95: q(0.95),
    max: lags.at(-1) ?? NaN
  }
}
