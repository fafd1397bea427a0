import type { Settings } from '../../../shared/settings'

export const SHED_MODES = ['normal', 'no-names', 'short', 'sampled', 'essential-only'] as const
export type ShedMode = (typeof SHED_MODES)[number]

export interface ShedChange {
  from: number
  to: number
  backlog: number
}

/**
 * Steps speech down as the text queue grows (1 no names, 2 shorter, 3 chats sampled, 4 gifts and
 * follows only) and back up as it drains. Hysteresis: it rises at once when a threshold is crossed,
 * but falls one level only after the backlog has stayed below half the current level's threshold
 * for `recoverAfterSec`.
 */
export class LoadShedder {
  #level = 0
  #lowSince: number | undefined
  #since: number

  constructor(
    private readonly settings: () => Settings,
    private readonly now: () => number = Date.now
  ) {
    this.#since = now()
  }

  get level(): number {
    return this.#level
  }

  get mode(): ShedMode {
    return SHED_MODES[this.#level]!
  }

  status(): { level: number; mode: ShedMode; since: number } {
    return { level: this.#level, mode: this.mode, since: this.#since }
  }

  /** Feeds the current backlog; returns the change, if the level moved. */
  update(backlog: number): ShedChange | undefined {
    const { enabled, thresholds, recoverAfterSec } = this.settings().shedding
    const now = this.now()
    const target = enabled ? thresholds.filter((t) => backlog >= t).length : 0
    if (target > this.#level) return this.#set(target, backlog, now)
    if (this.#level === 0) return undefined
    const floor = enabled ? thresholds[this.#level - 1]! / 2 : Infinity
    if (backlog >= floor) {
      this.#lowSince = undefined
      return undefined
    }
    this.#lowSince ??= now
    if (now - this.#lowSince < recoverAfterSec * 1000) return undefined
    return this.#set(this.#level - 1, backlog, now)
  }

  #set(level: number, backlog: number, now: number): ShedChange {
    const change = { from: this.#level, to: level, backlog }
    this.#level = level
    this.#since = now
    this.#lowSince = undefined
    return change
  }
}
