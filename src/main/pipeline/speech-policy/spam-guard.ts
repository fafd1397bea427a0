import type { Settings } from '../../../shared/settings'
import type { DropReason, SpeechDraft } from '../../../shared/speech'

/**
 * The stateful anti-spam rules, on the main thread because they need one view of every user across
 * all processing workers (each check is a couple of Map lookups): a per-user sliding-window limit,
 * same-text dedupe across users, and, when shedding at level 3, fair sampling of chats.
 * Only chats are limited; gifts, follows and the rest are always admitted here.
 */
export class SpamGuard {
  readonly #byUser = new Map<string, number[]>()
  readonly #recentText = new Map<string, number>()
  #lastSampled = -Infinity

  constructor(
    private readonly settings: () => Settings,
    private readonly now: () => number = Date.now
  ) {}

  /** undefined = speak it; otherwise why not. Admitting records the chat. */
  admit(draft: SpeechDraft, shedLevel: number): DropReason | undefined {
    if (draft.type !== 'chat' || draft.allowed) return undefined
    const now = this.now()
    const { antiSpam, shedding } = this.settings()
    const user = draft.userId ?? ''
    const windowMs = antiSpam.perUserWindowSec * 1000
    const times = (this.#byUser.get(user) ?? []).filter((t) => now - t < Math.max(windowMs, 30_000))
    const inWindow = times.filter((t) => now - t < windowMs).length

    if (antiSpam.perUserLimit > 0 && user && inWindow >= antiSpam.perUserLimit)
      return 'rate-limited'
    if (antiSpam.dedupeWindowSec > 0 && draft.dedupeKey) {
      const seen = this.#recentText.get(draft.dedupeKey)
      if (seen !== undefined && now - seen < antiSpam.dedupeWindowSec * 1000) return 'duplicate'
    }
    if (shedLevel === 3) {
      // One chat per interval, and not from someone heard in the last 30 s while others wait.
      if (now - this.#lastSampled < shedding.sampleEverySec * 1000) return 'shed'
      if (times.some((t) => now - t < 30_000)) return 'shed'
      this.#lastSampled = now
    }
    times.push(now)
    if (user) this.#byUser.set(user, times)
    if (draft.dedupeKey) this.#recentText.set(draft.dedupeKey, now)
    this.#prune(now, Math.max(windowMs, antiSpam.dedupeWindowSec * 1000, 30_000))
    return undefined
  }

  /** Keeps memory bounded in a huge room: forget whatever is older than every window. */
  #prune(now: number, horizon: number): void {
    if (this.#byUser.size + this.#recentText.size < 20_000) return
    for (const [k, ts] of this.#byUser)
      if (ts.every((t) => now - t >= horizon)) this.#byUser.delete(k)
    for (const [k, t] of this.#recentText) if (now - t >= horizon) this.#recentText.delete(k)
  }
}
