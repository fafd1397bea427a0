import type { Settings } from '../../../shared/settings'
import type { DropReason, SpeechDraft } from '../../../shared/speech'
import { GenerationMap } from '../../../shared/generation-map'

/**
 * A viewer's admitted chats: their times, oldest first, in ms since the guard's epoch (small
 * integers, which V8 keeps unboxed). One chat is a bare number, since in a flood almost every
 * viewer chats once; more are an exactly sized array of at most max(perUserLimit, 1), the most
 * that can decide a limit. The last time is when they were last admitted.
 * (An object with a growable array per viewer took ~250 bytes: a 17-slot backing store, boxed
 * times; a 200k-viewer flood kept ~45 MB of it.)
 */
type Admissions = number | number[]

/** Everyone gets this long before the sampler may pick them again at level 3. */
const RESAMPLE_MS = 30_000
/**
 * Viewers and texts remembered per generation (so at most twice this many of each): past it the
 * windows are kept for the most recent ones. A room with that many distinct chatters within one
 * window is shedding anyway; without a bound a 500k-viewer flood kept all of them for 30–60 s.
 */
export const MAX_REMEMBERED = 20_000

/**
 * The stateful anti-spam rules, on the main thread because they need one view of every user across
 * all processing workers: a per-user sliding-window limit, same-text dedupe across users, and, when
 * shedding at level 3, fair sampling of chats.
 * Only chats are limited; gifts, follows and the rest are always admitted here.
 *
 * Cost is O(1) per chat whatever the room size: a viewer keeps at most `perUserLimit` times (the
 * oldest of the last N decides whether N fell inside the window), and both maps forget by time in
 * two generations, bounded by count too (GenerationMap): no write log, no scan, one table write
 * per admitted chat. The windows themselves are exact: they compare the times stored in the values.
 */
export class SpamGuard {
  readonly #byUser = new GenerationMap<Admissions>(RESAMPLE_MS, MAX_REMEMBERED)
  readonly #recentText = new GenerationMap<number>(RESAMPLE_MS, MAX_REMEMBERED)
  #lastSampled = -Infinity
  #epoch: number | undefined

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
    this.#epoch ??= now
    const t = now - this.#epoch
    const { antiSpam, shedding } = this.settings()
    const user = draft.userId ?? ''
    const windowMs = antiSpam.perUserWindowSec * 1000
    const limit = antiSpam.perUserLimit
    const horizon = Math.max(windowMs, antiSpam.dedupeWindowSec * 1000, RESAMPLE_MS)
    this.#byUser.spanMs = this.#recentText.spanMs = horizon
    this.#byUser.advance(t)
    this.#recentText.advance(t)
    const seen = user ? this.#byUser.get(user) : undefined
    if (limit > 0 && seen !== undefined && count(seen) >= limit) {
      if (t - nthLatest(seen, limit) < windowMs) return 'rate-limited'
    }
    if (antiSpam.dedupeWindowSec > 0 && draft.dedupeKey) {
      const said = this.#recentText.get(draft.dedupeKey)
      if (said !== undefined && t - said < antiSpam.dedupeWindowSec * 1000) return 'duplicate'
    }
    if (shedLevel === 3) {
      // One chat per interval, and not from someone heard in the last 30 s while others wait.
      if (now - this.#lastSampled < shedding.sampleEverySec * 1000) return 'shed'
      if (seen !== undefined && t - nthLatest(seen, 1) < RESAMPLE_MS) return 'shed'
      this.#lastSampled = now
    }
    if (user) this.#byUser.set(user, append(seen, t, Math.max(limit, 1)))
    if (draft.dedupeKey) this.#recentText.set(draft.dedupeKey, t)
    return undefined
  }
}

function count(seen: Admissions): number {
  return typeof seen === 'number' ? 1 : seen.length
}

/** The n-th latest admission (n = 1: the last); n ≤ count(seen). */
function nthLatest(seen: Admissions, n: number): number {
  return typeof seen === 'number' ? seen : seen[seen.length - n]!
}

/** `seen` with `t` added, keeping the latest `keep` times. */
function append(seen: Admissions | undefined, t: number, keep: number): Admissions {
  if (seen === undefined || keep === 1) return t
  if (typeof seen === 'number') return [seen, t]
  if (seen.length === keep) {
    // Full: shift in place, no allocation.
    seen.copyWithin(0, 1)
    seen[keep - 1] = t
    return seen
  }
  // Growing (or the limit was lowered): a new array of exactly the size kept.
  const kept = Math.min(seen.length, keep - 1)
  const next = new Array<number>(kept + 1)
  for (let i = 0; i < kept; i++) next[i] = seen[seen.length - kept + i]!
  next[kept] = t
  return next
}
