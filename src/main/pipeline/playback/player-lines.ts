import type { PlayerReply } from '../../../shared/player-protocol'
import type { Line } from './player-types'
import { RestartWait } from './restart-wait'

type Ended = Extract<PlayerReply, { type: 'ended' }>

/**
 * Every line the AudioPlayer holds, and how each ends: sent to the process (`pending`, by id) or
 * waiting for a (re)start (`waiting`, in playing order). Each line is resolved exactly once.
 */
export class PlayerLines {
  #nextId = 1
  readonly #pending = new Map<number, Line>()
  /** After a crash, or while a parked player starts: lines waiting for it, in playing order. */
  readonly waiting = new RestartWait<Line>()
  played = 0
  notPlayed = 0

  get busy(): boolean {
    return this.#pending.size > 0 || this.waiting.size > 0
  }

  get sentCount(): number {
    return this.#pending.size
  }

  /** Registers a line as sent to the process; its id for the `play` command. */
  sent(line: Line): number {
    const id = this.#nextId++
    line.startedAt = undefined
    this.#pending.set(id, line)
    return id
  }

  started(id: number, at: number): void {
    const line = this.#pending.get(id)
    if (line) line.startedAt = at
  }

  /** Resolves the line of an `ended` reply; returns the device error it reports, if any. */
  ended(reply: Ended): { error?: string } {
    const line = this.#pending.get(reply.id)
    if (!line) return {}
    this.#pending.delete(reply.id)
    if (reply.played) {
      this.played++
      line.resolve({ played: true, startedAt: line.startedAt ?? reply.at, endedAt: reply.at })
      return {}
    }
    if (reply.reason === 'error') {
      this.notPlayedNow(line, reply.detail ?? 'the audio device failed')
      return { error: reply.detail }
    }
    line.resolve({
      played: false,
      reason: reply.reason,
      startedAt: line.startedAt,
      endedAt: reply.at,
      detail: reply.detail
    })
    return {}
  }

  /** The process is being replaced: every line it held plays on the next one, from its start. */
  holdAll(): void {
    this.waiting.holdFirst([...this.#pending.values()])
    this.#pending.clear()
  }

  /** The process died: lines it held wait for the restart, unless cut off too often already. */
  holdAfterCrash(error: Error, maxReplays: number): void {
    const held: Line[] = []
    for (const line of this.#pending.values()) {
      if (line.startedAt !== undefined) line.interrupted++
      if (line.interrupted > maxReplays)
        this.notPlayedNow(
          line,
          `${error.message} (this line was interrupted ${line.interrupted} times; given up)`
        )
      else held.push(line)
    }
    this.#pending.clear()
    this.waiting.holdFirst(held)
  }

  /**
   * Lines wait for a start from now on; when none comes in `waitMs` the device is taken to be
   * gone, and every waiting line (and each next one, until a start succeeds) is not played.
   */
  awaitStart(waitMs: number, why: () => string): void {
    this.waiting.begin(waitMs, (lines) => {
      for (const line of lines) this.notPlayedNow(line, why())
    })
  }

  notPlayedNow(line: Line, detail: string): void {
    this.notPlayed++
    line.resolve({
      played: false,
      reason: 'not-played',
      ...(line.startedAt !== undefined ? { startedAt: line.startedAt } : {}),
      endedAt: Date.now(),
      detail
    })
  }

  finish(line: Line, reason: 'skipped' | 'cleared'): void {
    line.resolve({ played: false, reason, endedAt: Date.now() })
  }

  /** Stops waiting and answers every waiting line as not played. */
  failWaiting(detail: string): void {
    this.waiting.end()
    for (const line of this.waiting.take()) this.notPlayedNow(line, detail)
  }

  failPending(detail: string): void {
    for (const line of this.#pending.values()) this.notPlayedNow(line, detail)
    this.#pending.clear()
  }
}
