/**
 * The one stop-deadline race: waits for `work` until `deadline` (epoch ms on `now`'s clock), then
 * gives up waiting. The timer is cleared as soon as `work` settles, so nothing is left pending,
 * and `work` rejecting counts as settled (stopping must not throw). `minMs`: wait at least this
 * long even when the deadline has already passed (a child process needs a moment to exit).
 */
export async function untilDeadline(
  work: Promise<unknown>,
  deadline: number,
  { now = Date.now, minMs = 0 }: { now?: () => number; minMs?: number } = {}
): Promise<'settled' | 'deadline'> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), Math.max(minMs, deadline - now()))
  })
  const settled = work.then(
    () => 'settled' as const,
    () => 'settled' as const
  )
  try {
    return await Promise.race([settled, expired])
  } finally {
    clearTimeout(timer)
  }
}
