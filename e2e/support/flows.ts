import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * What a streamer does in the UI, as steps shared by the browser-mode and Electron e2e tests.
 * Every wait is for a condition on the page (expect.poll), never a fixed sleep.
 */

const POLL = { timeout: 20_000, interval: 100 }

/** The first number in a dashboard tile ("21 / 200" → 21, "1,234" → 1234); NaN while it shows "–". */
export async function tileNumber(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(`${testId}-value`).textContent()) ?? ''
  const match = /\d[\d,]*(\.\d+)?/.exec(text)
  return match ? Number(match[0].replace(/,/g, '')) : Number.NaN
}

/** Number of rows for one drop reason in the drops panel (0 when absent). */
export async function dropCount(page: Page, reason: string): Promise<number> {
  const row = page.locator(`[data-testid=drops] li[data-reason="${reason}"] b`)
  if ((await row.count()) === 0) return 0
  return Number(((await row.textContent()) ?? '0').replace(/\D/g, ''))
}

/** Switches page with the header tabs and waits for the page. */
export async function openTab(page: Page, tab: 'dashboard' | 'settings' | 'tasks'): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click()
  await page.getByTestId(tab).waitFor()
}

/** Connects the built-in demo from the connect panel (the Electron app starts idle). */
export async function connectDemo(page: Page): Promise<void> {
  await openTab(page, 'dashboard')
  await page.getByTestId('mode-demo').click()
  await page.getByTestId('connect').click()
  await expect
    .poll(() => page.getByTestId('session-state').getAttribute('class'), POLL)
    .toContain('session-running')
}

/** The demo is flowing: counts rise, the feed fills, the chart and the rates have data. */
export async function expectDashboardMoving(page: Page): Promise<void> {
  await expect.poll(() => tileNumber(page, 'received'), POLL).toBeGreaterThan(0)
  const first = await tileNumber(page, 'received')
  await expect.poll(() => tileNumber(page, 'received'), POLL).toBeGreaterThan(first)
  await expect.poll(() => tileNumber(page, 'rate-in'), POLL).toBeGreaterThan(0)
  await expect
    .poll(async () => Number(await page.getByTestId('feed-list').getAttribute('data-count')), POLL)
    .toBeGreaterThan(3)
  await expect
    .poll(
      async () =>
        Number(
          (await page.locator('[data-testid=queue-chart] svg').getAttribute('data-points')) ?? 0
        ),
      POLL
    )
    .toBeGreaterThan(1)
  await expect.poll(() => tileNumber(page, 'spoken'), POLL).toBeGreaterThan(0)
  expect(await page.getByTestId('source-state').textContent()).toMatch(/直播中|Live|已结束|Ended/)
}

/** Sets a pool's maximum in the settings page and applies it. */
export async function setPoolMax(
  page: Page,
  pool: 'processing' | 'tts',
  max: number
): Promise<void> {
  await openTab(page, 'settings')
  await page.getByTestId(`setting-pools-${pool}-max`).fill(String(max))
  await page.getByTestId('settings-apply').click()
  await page.getByTestId('settings-applied').waitFor({ timeout: POLL.timeout })
}

/** The dashboard's pool card shows `max` as the pool's maximum (from the pipeline's own status). */
export async function expectPoolMax(
  page: Page,
  pool: 'processing' | 'tts',
  max: number
): Promise<void> {
  await openTab(page, 'dashboard')
  await expect
    .poll(() => page.getByTestId(`pool-${pool}-max`).textContent(), POLL)
    .toBe(String(max))
}

/** Skip drops the line being spoken; clear empties the queue. Both show up as drops with their reason. */
export async function skipAndClear(page: Page): Promise<void> {
  await openTab(page, 'dashboard')
  // Paused, the current line stays current, so the skip below cannot race the line's natural end.
  await expect.poll(() => page.getByTestId('now-text').textContent(), POLL).not.toMatch(/空闲|idle/)
  await page.getByTestId('pause').click()
  await page.getByTestId('resume').waitFor()
  await page.getByTestId('skip').click()
  // A skip while paused takes effect on resume (the main process keeps the line until then).
  await page.getByTestId('resume').click()
  await page.getByTestId('pause').waitFor()
  await expect.poll(() => dropCount(page, 'skipped'), POLL).toBeGreaterThan(0)

  await expect.poll(() => tileNumber(page, 'waiting'), POLL).toBeGreaterThan(2)
  await page.getByTestId('clear').click()
  // More than the one line that may have started in between: the queue itself was emptied. (How
  // many wait afterwards is not checked: the demo keeps arriving, and a busy CI machine lags.)
  await expect.poll(() => dropCount(page, 'cleared'), POLL).toBeGreaterThan(1)
}
