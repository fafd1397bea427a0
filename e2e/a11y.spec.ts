import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { layoutProblems, saveScreenshot, useBrowser, VIEWPORTS } from './support/browser'
import { expectDashboardMoving, openTab } from './support/flows'
import { startServer } from './support/server'

/** axe-core's browser build, injected into the page under test (the page's CSP is bypassed for it). */
const AXE_SOURCE = (createRequire(__filename)('axe-core') as { source: string }).source

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** Serious and critical WCAG A/AA violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate<AxeViolation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`
    )
}

/** Accessibility (axe-core) and layout of every page, at both window sizes. */
describe('accessibility and layout (browser mode)', () => {
  // axe is injected into the page, so the page's CSP is bypassed for it.
  const session = useBrowser({ context: { bypassCSP: true } })
  const open = session.open

  it(
    'dashboard, settings, tasks and overlay: no serious or critical axe violations, in both languages',
    { timeout: 150_000 },
    async () => {
      const server = await startServer({ speed: 5 })
      const page = await open(server.url)
      await expectDashboardMoving(page)
      expect(await seriousViolations(page), 'dashboard').toEqual([])
      await openTab(page, 'settings')
      expect(await seriousViolations(page), 'settings').toEqual([])
      await page.getByTestId('lang-switch').click()
      await expect.poll(() => page.getByTestId('tab-settings').textContent()).toBe('Settings')
      expect(await seriousViolations(page), 'settings (en)').toEqual([])
      await openTab(page, 'tasks')
      await page.getByTestId('task-table').waitFor()
      expect(await seriousViolations(page), 'tasks (en)').toEqual([])
      await openTab(page, 'dashboard')
      expect(await seriousViolations(page), 'dashboard (en)').toEqual([])

      const overlay = await session.context.newPage()
      await overlay.goto(server.overlayUrl)
      await expect.poll(() => overlay.getByTestId('overlay').getAttribute('data-link')).toBe('open')
      expect(await seriousViolations(overlay), 'overlay').toEqual([])
      // The page has a favicon, served like the rest.
      const icon = await page.evaluate(`document.querySelector('link[rel=icon]')?.href`)
      expect((await fetch(String(icon))).headers.get('content-type')).toBe('image/svg+xml')
    }
  )

  it(
    'keyboard: the tabs follow the arrow keys; sliders say their value',
    { timeout: 60_000 },
    async () => {
      const server = await startServer()
      const page = await open(server.url)
      expect(await page.locator('h1').count()).toBe(1)
      await page.getByTestId('tab-dashboard').focus()
      await page.keyboard.press('ArrowRight')
      await page.getByTestId('settings').waitFor()
      expect(await page.evaluate('document.activeElement?.id')).toBe('tab-settings')
      await page.keyboard.press('ArrowLeft')
      await page.getByTestId('dashboard').waitFor()
      expect(await page.getByTestId('tab-dashboard').getAttribute('aria-selected')).toBe('true')
      expect(await page.getByTestId('volume').getAttribute('aria-valuetext')).toBe('100%')
      expect(await page.getByTestId('rate').getAttribute('aria-valuetext')).toMatch(/175/)
    }
  )

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(
      `every settings group and the overlay lay out cleanly at ${viewport.width}×${viewport.height}`,
      { timeout: 120_000 },
      async () => {
        const server = await startServer()
        const page = await open(server.url, { viewport })
        await openTab(page, 'settings')
        for (const group of [
          'content',
          'voice',
          'filter',
          'output',
          'hotkeys',
          'room',
          'advanced'
        ]) {
          await page.getByTestId(`group-link-${group}`).click()
          await page.waitForTimeout(100)
          await saveScreenshot(page, `settings-${size}-${group}`)
          expect(await layoutProblems(page), group).toEqual([])
        }
        await page.getByTestId('lang-switch').click()
        for (const group of ['content', 'voice', 'output']) {
          await page.getByTestId(`group-link-${group}`).click()
          await page.waitForTimeout(100)
          await saveScreenshot(page, `settings-${size}-${group}-en`)
          expect(await layoutProblems(page), `${group} (en)`).toEqual([])
        }
        const overlay = await session.context.newPage()
        await overlay.setViewportSize(viewport)
        await overlay.goto(server.overlayUrl)
        await expect
          .poll(() => overlay.getByTestId('overlay').getAttribute('data-link'))
          .toBe('open')
        await saveScreenshot(overlay, `overlay-${size}-page`, true)
        expect(await layoutProblems(overlay)).toEqual([])
      }
    )
  }
})
