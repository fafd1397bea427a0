import type { Settings } from '../../../shared/settings'
import type { DropReason, SpeechDraft } from '../../../shared/speech'
import { GenerationMap } from '../../../shared/generation-map'

/** What the guard remembers of one viewer. */
interface Viewer {
  /** When their last chat was admitted. */
  last: number
  /** Admission times, oldest first; only the last `perUserLimit` can decide a limit. */
  recent: number[]
}

/** Everyone gets this long before the sampler may pick them again at level 3. */
const RESAMPLE_MS = 30_000

/**
 * The stateful anti-spam rules, on the main thread because they need one view of every user across
 * all processing workers: a per-user sliding-window limit, same-text dedupe across users, and, when
 * shedding at level 3, fair sampling of chats.
 * Only chats are limited; gifts, follows and the rest are always admitted here.
 *
 * Cost is O(1) per chat whatever the room size: a viewer keeps at most `perUserLimit` times (the
 * oldest of the last N decides whether N fell inside the window), and both maps forget by time in
 * two generations (GenerationMap): no write log, no scan, one Map write per admitted chat. The
 * windows themselves are exact: they compare the times stored in the values.
 */
export class SpamGuard {
  readonly #byUser = new GenerationMap<string, Viewer>(RESAMPLE_MS)
  readonly #recentText = new GenerationMap<string, number>(RESAMPLE_MS)
  #lastSampled = -Infinity

  constructor(
    private readonly settings: () => Settings,
    private readonly now: () => number = Date.now
  ) {}

  /** Viewers and texts remembered (bounded by what was admitted within the longest window). */
  get remembered(): number {
    return this.#byUser.size + this.#recentText.size
  }

  /** undefined = speak it; otherwise why not. Admitting records the chat. */
  admit(draft: SpeechDraft, shedLevel: number): DropReason | undefined {
    if (draft.type !== 'chat' || draft.allowed) return undefined
    const now = this.now()
    const { antiSpam, shedding } = this.settings()
    const user = draft.userId ?? ''
    const windowMs = antiSpam.perUserWindowSec * 1000
    const limit = antiSpam.perUserLimit
    const horizon = Math.max(windowMs, antiSpam.dedupeWindowSec * 1000, RESAMPLE_MS)
    this.#byUser.spanMs = this.#recentText.spanMs = horizon
    this.#byUser.advance(now)
    this.#recentText.advance(now)
    const viewer = user ? this.#byUser.get(user) : undefined
    if (limit > 0 && viewer && viewer.recent.length >= limit) {
      if (now - viewer.recent[viewer.recent.length - limit]! < windowMs) return 'rate-limited'
    }
    if (antiSpam.dedupeWindowSec > 0 && draft.dedupeKey) {
      const seen = this.#recentText.get(draft.dedupeKey)
      if (seen !== undefined && now - seen < antiSpam.dedupeWindowSec * 1000) return 'duplicate'
    }
    if (shedLevel === 3) {
      // One chat per interval, and not from someone heard in the last 30 s while others wait.
      if (now - this.#lastSampled < shedding.sampleEverySec * 1000) return 'shed'
      if (viewer && now - viewer.last < RESAMPLE_MS) return 'shed'
      this.#lastSampled = now
    }
    if (user) {
      const v = viewer ?? { last: now, recent: [] }
      v.last = now
      v.recent.push(now)
      while (v.recent.length > Math.max(limit, 1)) v.recent.shift()
      this.#byUser.set(user, v)
    }
    if (draft.dedupeKey) this.#recentText.set(draft.dedupeKey, now)
    return undefined
  }
}
