import type { Settings } from '../../../shared/settings'
import type { DropReason, SpeechDraft } from '../../../shared/speech'
import type { TextQueue } from '../queues/text-queue'
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
 * The admission policy between processing and the text queue: anti-spam, and load shedding with
 * its spoken and logged alerts. `tick` runs a few times a second.
 */
export class SpeechPolicy {
  readonly guard: SpamGuard
  readonly shedder: LoadShedder
  #lastAlert = -Infinity

  constructor(
    private readonly settings: () => Settings,
    private readonly queue: TextQueue,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
    private readonly now: () => number = Date.now
  ) {
    this.guard = new SpamGuard(settings, now)
    this.shedder = new LoadShedder(settings, now)
  }

  admit(draft: SpeechDraft): DropReason | undefined {
    return this.guard.admit(draft, this.shedder.level)
  }

  tick(): void {
    const backlog = this.queue.size
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
      this.queue.push({
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
