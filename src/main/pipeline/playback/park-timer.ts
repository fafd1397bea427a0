/**
 * The clock that parks an idle audio player: `arm` (re)starts it when the player has nothing left
 * to play, `cancel` stops it when a line is sent. `ms` 0 never parks.
 */
export class ParkTimer {
  #timer: NodeJS.Timeout | undefined

  constructor(private readonly ms: number) {}

  /** `ms` overrides the idle time for this once (a start with nothing to play). */
  arm(park: () => void, ms = this.ms): void {
    this.cancel()
    if (this.ms <= 0) return
    this.#timer = setTimeout(park, ms)
    this.#timer.unref()
  }

  cancel(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
