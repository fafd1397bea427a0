import { setFlagsFromString } from 'node:v8'

/**
 * V8 heap settings for the app's process and its worker threads (V8 flags are process-wide).
 * This module only defines them; heap-tuning.ts applies them when an entry imports it. Keeping the
 * two apart lets code that re-applies them (heap-flag-keeper.ts) be imported without applying them
 * as a side effect: through it the bench bundle applied them at load, so `npm run bench -- decode`
 * ran under the app's flags instead of Node's defaults (gunzipSync at half speed, our decoder
 * 10-15% slower) from b1897a7 until this split.
 *
 * Only flags that V8 reads at each collection can work at run time: the young generation's maximum
 * (--max-semi-space-size) is fixed when the isolate is made and is ignored at run time (measured).
 * - heap-growing-percent=50: after a full collection the old generation may grow to 1.5× what
 *   survived, instead of V8's up to 4×. A 200k-chat flood keeps ~50 MB alive but grew the heap to
 *   175 MB of mostly garbage; with this, 120-140 MB.
 * - semi-space-growth-factor=1: the new space stays at its start size instead of doubling up to
 *   2×16 MB under load (the flood filled all 32 MB, which RSS then keeps). V8 raises this flag
 *   back to 2 whenever an isolate is configured, so each worker thread's entry imports
 *   heap-tuning.ts too, re-applying it once its own heap exists.
 * Their CPU cost (more, smaller collections) was measured with bench/realtime.ts and bench/ingest.ts.
 */
export const HEAP_FLAGS = ['--heap-growing-percent=50', '--semi-space-growth-factor=1'] as const

let applied = false

export function tuneHeap(): void {
  for (const flag of HEAP_FLAGS) setFlagsFromString(flag)
  applied = true
}

/** Whether this process has applied the app's heap flags (the decode bench refuses to run if so). */
export function heapTuned(): boolean {
  return applied
}
