import { Emitter } from '../../shared/emitter'
import type { Notice } from '../../shared/ipc/contract'
import { Disposable } from '../../shared/lifecycle'
import type { IssueParams } from '../../shared/settings-issues'

/** Raises a notice (NoticeBoard.notify's shape, handed to the controller's parts). */
export type Notify = NoticeBoard['notify']

/** How long a notice's code stays quiet after it was shown. */
const REPEAT_MS = 60_000

/**
 * The notices every window shows (worded there from `code`, `params` and `fields`): the last 20,
 * and at most one per problem a minute, so a restart loop does not keep re-opening the banner.
 */
export class NoticeBoard extends Disposable {
  #notices: Notice[] = []
  readonly #onNotice = this._register(new Emitter<Notice>())
  readonly onNotice = this.#onNotice.event

  get notices(): Notice[] {
    return this.#notices
  }

  notify(
    level: Notice['level'],
    code: string,
    message: string,
    extra: { params?: IssueParams; fields?: string[] } = {}
  ): void {
    const now = Date.now()
    // A restart loop (no audio device) repeats itself, in words that vary (attempts, delays).
    if (this.#notices.some((n) => n.code === code && now - n.at < REPEAT_MS)) return
    const notice: Notice = {
      level,
      code,
      message,
      at: now,
      ...(extra.params ? { params: extra.params } : {}),
      ...(extra.fields ? { fields: extra.fields } : {})
    }
    this.#notices = [...this.#notices, notice].slice(-20)
    this.#onNotice.fire(notice)
  }
}
