/**
 * How much main-thread time in-thread processing may take per time bucket (a few seconds, so one
 * slow run, a GC pause or a JIT tier-up, does not send the next events to the pool). Past it, work
 * goes to the pool, so a flood cannot starve the main thread's other duties (the socket, the UI
 * server, audio dispatch). Charged with measured time, so an expensive configuration (homophone
 * matching with many blocked words) runs fewer events in-thread on its own.
 */
export class InlineBudget {
  #bucket = -1
  #spentMs = 0

  constructor(
    readonly msPerSecond: number,
    readonly bucketMs = 5000,
    private readonly now: () => number = () => performance.now()
  ) {}

  get available(): boolean {
    this.#roll()
    return this.#spentMs < (this.msPerSecond * this.bucketMs) / 1000
  }

  charge(ms: number): void {
    this.#roll()
    this.#spentMs += ms
  }

  #roll(): void {
    const bucket = Math.floor(this.now() / this.bucketMs)
    if (bucket !== this.#bucket) {
      this.#bucket = bucket
      this.#spentMs = 0
    }
  }
}
