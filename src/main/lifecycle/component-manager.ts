import { backoffDelay } from '../../shared/backoff'
import { DisposableStore, type IDisposable } from '../../shared/lifecycle'
import type { Component, ComponentHealth } from './component'
import { untilDeadline } from './deadline'

/**
 * How long past its deadline a component's `stop` may take before the manager moves on: a stop
 * is meant to give up at the deadline itself, and this bounds one that does not (a hung process).
 */
export const STOP_GRACE_MS = 3000

export interface ComponentManagerOptions {
  /** First restart delay; doubles per consecutive failure up to `maxBackoffMs`. */
  baseBackoffMs?: number
  maxBackoffMs?: number
  log?: (level: 'info' | 'warn' | 'error', message: string) => void
}

interface Entry {
  component: Component
  health: ComponentHealth
  failures: number
  timer?: NodeJS.Timeout
  subscription?: IDisposable
  /** The stop after a crash; the restart waits for it. */
  crashStop?: Promise<void>
}

/**
 * Owns every stage's lifecycle. Components are registered in start order: consumers first
 * (player, TTS, playback, processing) and the producer (listener) last, so no stage receives work
 * it cannot take; `stop` goes in reverse, so ingress stops first and the rest can drain.
 * A component that fails to start or crashes is restarted with exponential backoff and reported;
 * it never takes the process down. Stops are bounded here, once for every component: each gets the
 * shared deadline, and one that overruns it by STOP_GRACE_MS is reported and left behind.
 */
export class ComponentManager implements IDisposable {
  readonly #entries: Entry[] = []
  readonly #store = new DisposableStore()
  #stopping = false
  #started = false

  constructor(private readonly options: ComponentManagerOptions = {}) {}

  register(component: Component): void {
    const entry: Entry = {
      component,
      health: { id: component.id, state: 'stopped', restarts: 0 },
      failures: 0
    }
    entry.subscription = component.onDidCrash?.((err) => this.#onCrash(entry, err))
    if (entry.subscription) this.#store.add(entry.subscription)
    this.#entries.push(entry)
  }

  /**
   * Adds components to a running set (a room joining): registered after the others, so they stop
   * first, and started now, in order, if the set has been started.
   */
  async add(components: readonly Component[]): Promise<void> {
    const entries = components.map((c) => {
      this.register(c)
      return this.#entries.at(-1)!
    })
    if (!this.#started || this.#stopping) return
    for (const entry of entries) await this.#start(entry)
  }

  /** Stops components in reverse order (a room leaving) and forgets them. */
  async remove(components: readonly Component[], deadline: number): Promise<void> {
    for (const component of [...components].reverse()) {
      const entry = this.#entries.find((e) => e.component === component)
      if (!entry) continue
      clearTimeout(entry.timer)
      if (entry.health.state !== 'stopped') await this.#stop(entry, deadline)
      entry.subscription?.dispose()
      this.#entries.splice(this.#entries.indexOf(entry), 1)
    }
  }

  async startAll(): Promise<void> {
    this.#stopping = false
    this.#started = true
    for (const entry of this.#entries) await this.#start(entry)
  }

  /** Reverse order; each stop shares the one deadline. */
  async stopAll(deadline: number): Promise<void> {
    this.#stopping = true
    for (const entry of [...this.#entries].reverse()) {
      clearTimeout(entry.timer)
      if (entry.health.state === 'stopped') continue
      await this.#stop(entry, deadline)
      entry.health.state = 'stopped'
      entry.health.nextAttemptAt = undefined
    }
  }

  /** The one place a component is stopped: bounded, and a failure is logged, never thrown. */
  async #stop(entry: Entry, deadline: number, state: 'stopping' | 'restarting' = 'stopping') {
    entry.health.state = state
    // Called synchronously from a crash report: a component may tell that stop from a shutdown.
    if (entry.crashStop) await entry.crashStop
    const stopping = entry.component.stop(deadline)
    stopping.catch((err: Error) =>
      this.#log('warn', `${entry.component.id}: stop failed: ${err.message}`)
    )
    const late = Math.max(deadline, Date.now()) + STOP_GRACE_MS
    if ((await untilDeadline(stopping, late)) === 'deadline')
      this.#log('warn', `${entry.component.id}: did not stop by its deadline; left behind`)
  }

  status(): ComponentHealth[] {
    return this.#entries.map((e) => ({ ...e.health }))
  }

  async #start(entry: Entry): Promise<void> {
    entry.health.state = 'starting'
    try {
      await entry.component.start()
      if (this.#stopping) return
      entry.health.state = 'running'
      entry.health.nextAttemptAt = undefined
      entry.failures = 0
    } catch (err) {
      this.#scheduleRestart(entry, err as Error, 'failed to start')
    }
  }

  /** A crashed component is stopped (releasing what it still holds) before it is restarted. */
  #onCrash(entry: Entry, err: Error): void {
    if (this.#stopping || entry.crashStop) return
    if (entry.health.state === 'stopping' || entry.health.state === 'stopped') return
    entry.health.lastError = err.message
    const stopped = this.#stop(entry, Date.now(), 'restarting')
    entry.crashStop = stopped.then(() => {
      entry.crashStop = undefined
      // Removed meanwhile (a room leaving): nothing to restart.
      if (this.#entries.includes(entry)) this.#scheduleRestart(entry, err, 'crashed')
    })
  }

  #scheduleRestart(entry: Entry, err: Error, what: string): void {
    if (this.#stopping) {
      entry.health.state = 'failed'
      entry.health.lastError = err.message
      return
    }
    entry.failures++
    const delay = backoffDelay(entry.failures, {
      baseMs: this.options.baseBackoffMs ?? 500,
      maxMs: this.options.maxBackoffMs ?? 30_000
    })
    entry.health.state = 'restarting'
    entry.health.lastError = err.message
    entry.health.nextAttemptAt = Date.now() + delay
    this.#log(
      'error',
      `${entry.component.id} ${what}: ${err.message}; restarting in ${Math.round(delay)} ms`
    )
    clearTimeout(entry.timer)
    entry.timer = setTimeout(() => {
      entry.health.restarts++
      void this.#start(entry)
    }, delay)
    entry.timer.unref()
  }

  #log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.log?.(level, message)
  }

  dispose(): void {
    this.#stopping = true
    for (const entry of this.#entries) clearTimeout(entry.timer)
    this.#store.dispose()
  }
}
