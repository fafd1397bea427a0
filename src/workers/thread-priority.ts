import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { isMainThread } from 'node:worker_threads'

/**
 * Niceness of the processing threads. The main thread is what a flood waits on (anti-spam, the
 * queues, every hand-off); on a 2-core machine two busy workers and main share two cores, and
 * waking a worker could hand it main's core: a profile of the 500k flood found ~9% of main's time
 * inside the wake-up (piscina's Atomics.notify). At 10 a worker yields to main (and to OBS and the
 * game) and still gets every core nobody else wants. Main-thread lag p99 with 500k queued went
 * from 14-18 to 10-13 ms, events/s unchanged (bench/ingest.ts, runs taken in turns).
 */
export const PROCESSING_NICENESS = 10

/**
 * Lowers the CPU priority of the calling worker thread, and of nothing else; true if it did.
 *
 * Linux only: there /proc/thread-self names the thread, and setpriority() on a thread id applies to
 * that thread alone. Elsewhere os.setPriority can only name the whole process, which would slow
 * main too, so nothing is done. Where the system says no (a sandbox), the thread just runs at
 * normal priority: this is worth having, never worth failing a batch for.
 */
export function lowerThisThreadPriority(niceness: number): boolean {
  if (process.platform !== 'linux' || isMainThread) return false
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (!Number.isInteger(tid) || tid <= 0) return false
    setPriority(tid, niceness)
    return true
  } catch {
    return false
  }
}
