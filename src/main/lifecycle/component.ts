import type { Event } from '../../shared/emitter'

/** A pipeline stage with a lifecycle, run by the ComponentManager. */
export interface Component {
  readonly id: string
  /** Acquire resources and begin work. A rejection is reported and retried with backoff. */
  start(): Promise<void>
  /**
   * Stop gracefully: finish or drain work until `deadline` (epoch ms), then release everything.
   * Must resolve even when the deadline has passed (forcefully, then).
   */
  stop(deadline: number): Promise<void>
  /** Fires when the component fails while running; the manager restarts it with backoff. */
  readonly onDidCrash?: Event<Error>
}

export type { ComponentHealth, ComponentState } from '../../shared/status'
