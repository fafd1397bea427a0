import { readdirSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { readProcStat } from '../src/main/testing/proc-stat'
import { fetchSnapshot } from './support/bridge-client'
import { saveScreenshot, useBrowser } from './support/browser'
import { startServer } from './support/server'

/** Child processes of `parent` running `name` (Linux /proc; the server's own espeak-ng programs). */
function childrenNamed(parent: number, name: string): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    // Undefined: the process ended while we looked. A zombie has already finished: killing it
    // would change nothing.
    const stat = readProcStat(`/proc/${entry}/stat`)
    if (stat?.field(4) === parent && stat.comm === name && stat.state !== 'Z')
      out.push(Number(entry))
  }
  return out
}

/** The task view in Chromium against the real headless app (espeak-ng program as the voice). */
describe('tasks page (browser mode)', () => {
  const { open } = useBrowser({ failOnPageErrors: true })

  it("a killed worker's task shows as retried, then done", { timeout: 90_000 }, async () => {
    const server = await startServer({ speed: 2 })
    const pid = server.child.pid!
    const page = await open(server.url)
    await page.getByTestId('tab-tasks').click()
    await page.getByTestId('tasks').waitFor()
    expect(new URL(page.url()).hash).toBe('#tasks')

    // Kill espeak-ng programs the speech pool starts, mid-synthesis, until one kill lands while
    // the program is still working (one that was already finishing exits 0 and is not retried).
    const killed: number[] = []
    const retriedSoFar = async () =>
      (await fetchSnapshot(server)).status?.tasks?.pools.find((p) => p.pool === 'tts')?.counts
        .retried ?? 0
    let lastKill = 0
    await vi.waitFor(
      async () => {
        if ((await retriedSoFar()) > 0) return
        // After a kill, give the pool 300 ms to report it before killing again (its retry too).
        const [victim] = childrenNamed(pid, 'espeak-ng').filter((p) => !killed.includes(p))
        if (victim !== undefined && Date.now() - lastKill >= 300) {
          try {
            process.kill(victim, 'SIGKILL')
            killed.push(victim)
            lastKill = Date.now()
          } catch {
            // It finished first: wait for the next one.
          }
        }
        throw new Error('no killed espeak-ng attempt counted as retried yet')
      },
      { timeout: 45_000, interval: 2 }
    )
    expect(killed.length, 'an espeak-ng program was seen and killed').toBeGreaterThan(0)

    // The page shows that attempt as retried (worker killed), and the task's next attempt done.
    const retried = page.locator('[data-testid="task-row"][data-state="retried"]')
    await retried.first().waitFor({ timeout: 20_000 })
    const id = await retried.first().getAttribute('data-id')
    const pool = await retried.first().getAttribute('data-pool')
    expect(pool).toBe('tts')
    expect(await retried.first().locator('[data-reason]').getAttribute('data-reason')).toBe(
      'worker-killed'
    )
    const worker = await retried.first().locator('[data-worker]').getAttribute('data-worker')
    expect(worker).toMatch(/^pid \d+$/)
    expect(killed).toContain(Number(worker!.slice(4)))
    const done = page.locator(
      `[data-testid="task-row"][data-pool="tts"][data-id="${id}"][data-attempt="2"]`
    )
    await expect.poll(() => done.getAttribute('data-state'), { timeout: 20_000 }).toBe('done')

    // The counts and the snapshot agree; the filter narrows the table to the retried attempt.
    await expect
      .poll(
        async () =>
          (await fetchSnapshot(server)).status?.tasks?.pools.find((p) => p.pool === 'tts')?.counts
            .retried
      )
      .toBeGreaterThanOrEqual(1)
    const retriedCell = page.locator('[data-testid="task-counts-tts"] td[data-state="retried"]')
    expect(Number(await retriedCell.textContent())).toBeGreaterThanOrEqual(1)
    await page.getByTestId('task-filter-state').selectOption('retried')
    const rows = page.getByTestId('task-row')
    expect(await rows.count()).toBeGreaterThanOrEqual(1)
    for (const state of await rows.evaluateAll((els) => els.map((e) => e.dataset.state)))
      expect(state).toBe('retried')
    // The timeline draws a lane per pool, with a retried bar in the speech pool's.
    expect(
      await page.locator('[data-testid="task-lane-tts"] g[data-state="retried"]').count()
    ).toBeGreaterThanOrEqual(1)

    // Both languages word the page.
    expect(await page.getByTestId('tab-tasks').textContent()).toBe('任务')
    await page.getByTestId('lang-switch').click()
    await expect.poll(() => page.getByTestId('tab-tasks').textContent()).toBe('Tasks')
    await saveScreenshot(page, 'tasks-page')
  })
})
