/**
 * Pure resize policy for the DynamicThreadPool. It looks at a window of backlog samples (queue
 * lengths), smooths them (EWMA), reads the trend (least-squares slope) and proposes a new size.
 * Hysteresis: growing and shrinking have separate thresholds and need several agreeing samples
 * in a row, and a resize is followed by a cool-down.
 */

export interface PoolBounds {
  min: number
  max: number
}

export interface PolicyTuning {
  /** EWMA weight of the newest sample (0…1]. */
  alpha: number
  /** Grow when smoothed backlog per worker exceeds this… */
  growPerWorker: number
  /** …and the backlog is not falling, for this many samples in a row. */
  growAfter: number
  /** Shrink when smoothed backlog per worker is below this… */
  shrinkPerWorker: number
  /** …and not rising, for this many samples in a row. */
  shrinkAfter: number
  /** Samples to wait after any resize. */
  cooldown: number
  /** Samples kept for the trend. */
  window: number
}

export const DEFAULT_TUNING: PolicyTuning = {
  alpha: 0.4,
  growPerWorker: 2,
  growAfter: 2,
  shrinkPerWorker: 0.5,
  shrinkAfter: 6,
  cooldown: 2,
  window: 8
}

export interface PolicyState {
  samples: number[]
  ewma: number
  growVotes: number
  shrinkVotes: number
  cooldownLeft: number
}

export const INITIAL_POLICY_STATE: PolicyState = {
  samples: [],
  ewma: 0,
  growVotes: 0,
  shrinkVotes: 0,
  cooldownLeft: 0
}

export interface Decision {
  size: number
  /** Why it changed, or undefined when it did not. */
  reason?: string
}

export function ewma(previous: number, sample: number, alpha: number, first: boolean): number {
  return first ? sample : alpha * sample + (1 - alpha) * previous
}

/** Least-squares slope of the samples per sample step (0 for fewer than two). */
export function slope(samples: readonly number[]): number {
  const n = samples.length
  if (n < 2) return 0
  const meanX = (n - 1) / 2
  const meanY = samples.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  samples.forEach((y, x) => {
    num += (x - meanX) * (y - meanY)
    den += (x - meanX) ** 2
  })
  return num / den
}

export function clampSize(size: number, bounds: PoolBounds): number {
  return Math.min(bounds.max, Math.max(bounds.min, size))
}

/**
 * One policy step: a new backlog sample in, the next state and the proposed size out.
 * Changing bounds applies at once (reason `bounds`), ignoring the cool-down.
 */
export function step(
  state: PolicyState,
  backlog: number,
  current: number,
  bounds: PoolBounds,
  tuning: PolicyTuning = DEFAULT_TUNING
): { state: PolicyState; decision: Decision } {
  const samples = [...state.samples, backlog].slice(-tuning.window)
  const smoothed = ewma(state.ewma, backlog, tuning.alpha, state.samples.length === 0)
  const trend = slope(samples)
  const next: PolicyState = {
    samples,
    ewma: smoothed,
    growVotes: 0,
    shrinkVotes: 0,
    cooldownLeft: Math.max(0, state.cooldownLeft - 1)
  }

  const clamped = clampSize(current, bounds)
  if (clamped !== current) {
    return {
      state: { ...next, cooldownLeft: tuning.cooldown },
      decision: { size: clamped, reason: `bounds ${bounds.min}–${bounds.max}` }
    }
  }

  const perWorker = smoothed / current
  const wantsGrow = perWorker > tuning.growPerWorker && trend >= 0 && current < bounds.max
  const wantsShrink = perWorker < tuning.shrinkPerWorker && trend <= 0 && current > bounds.min
  next.growVotes = wantsGrow ? state.growVotes + 1 : 0
  next.shrinkVotes = wantsShrink ? state.shrinkVotes + 1 : 0
  if (state.cooldownLeft > 0) return { state: next, decision: { size: current } }

  const fmt = (x: number) => x.toFixed(1)
  if (next.growVotes >= tuning.growAfter) {
    return {
      state: { ...next, growVotes: 0, cooldownLeft: tuning.cooldown },
      decision: {
        size: current + 1,
        reason: `backlog ${fmt(smoothed)} (${fmt(perWorker)}/worker, trend ${fmt(trend)}) → grow`
      }
    }
  }
  if (next.shrinkVotes >= tuning.shrinkAfter) {
    return {
      state: { ...next, shrinkVotes: 0, cooldownLeft: tuning.cooldown },
      decision: {
        size: current - 1,
        reason: `backlog ${fmt(smoothed)} (${fmt(perWorker)}/worker, trend ${fmt(trend)}) → shrink`
      }
    }
  }
  return { state: next, decision: { size: current } }
}
