/**
 * The clock that parks an idle audio player: `arm` (re)starts it when the player has nothing left
 * to play, `cancel` stops it when a line is sent. `ms` 0 never parks.
 */
export class ParkTimer {
  #timer: NodeJS.Timeout | undefined

  constructor(private readonly ms: number) {}

  arm(park: () => void): void {
    this.cancel()
    if (this.ms <= 0) return
    this.#timer = setTimeout(park, this.ms)
    this.#timer.unref()
  }

  cancel(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
