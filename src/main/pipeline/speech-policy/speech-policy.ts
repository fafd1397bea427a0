import type { Log } from '../../../shared/log'
import type { Settings } from '../../../shared/settings'
import type { DropReason, SpeechDraft } from '../../../shared/speech'
import { LoadShedder, type ShedMode } from './load-shedder'
import { SpamGuard } from './spam-guard'

const MODE_WORDS: Record<ShedMode, string> = {
  normal: '正常播报',
  'no-names': '不读昵称',
  short: '精简播报',
  sampled: '抽样播报弹幕',
  'essential-only': '只播礼物和关注'
}

/**
 * The admission policy between processing and the line sources: anti-spam, and (with the speech
 * planner off) load shedding with its spoken and logged alerts. `tick` runs a few times a second
 * with the backlog to shed against (0 while the planner, which merges instead, is on).
 */
export class SpeechPolicy {
  readonly guard: SpamGuard
  readonly shedder: LoadShedder
  #lastAlert = -Infinity

  constructor(
    private readonly settings: () => Settings,
    /** Speaks a line of the app's own, ahead of everything waiting. */
    private readonly speak: (draft: SpeechDraft) => void,
    private readonly log: Log,
    private readonly now: () => number = Date.now
  ) {
    this.guard = new SpamGuard(settings, now)
    this.shedder = new LoadShedder(settings, now)
  }

  admit(draft: SpeechDraft): DropReason | undefined {
    return this.guard.admit(draft, this.shedder.level)
  }

  tick(backlog: number): void {
    const change = this.shedder.update(backlog)
    if (!change) return
    const mode = this.shedder.mode
    const stepDown = change.to > change.from
    this.log(
      stepDown ? 'warn' : 'info',
      `backlog ${backlog}: speech ${stepDown ? 'stepped down' : 'recovered'} to level ${change.to} (${mode})`
    )
    const { spokenAlert, alertCooldownSec } = this.settings().shedding
    const now = this.now()
    if (stepDown && spokenAlert && now - this.#lastAlert >= alertCooldownSec * 1000) {
      this.#lastAlert = now
      // Ahead of everything: the streamer must learn about the backlog now, not after it.
      this.speak({
        text: `当前积压${backlog}条，已切换为${MODE_WORDS[mode]}`,
        type: 'stats',
        priority: 9,
        eventId: `backlog-alert-${now}`,
        receivedAt: now,
        system: true
      })
    }
  }
}
