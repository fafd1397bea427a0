import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { saveScreenshot, useBrowser, VIEWPORTS } from './support/browser'
import { startServer } from './support/server'

/** The OBS overlay and the access token. */
describe('overlay and access (browser mode)', () => {
  const { newContext } = useBrowser()

  it('shows the line being spoken, large, on a transparent page', { timeout: 60_000 }, async () => {
    const server = await startServer()
    const context = await newContext({ viewport: VIEWPORTS.large })
    const dashboard = await context.newPage()
    await dashboard.goto(server.url)
    const overlay = await context.newPage()
    await overlay.goto(server.overlayUrl)
    await expect.poll(() => overlay.getByTestId('overlay').getAttribute('data-link')).toBe('open')
    // A line of our own, spoken next (test voice goes ahead of the queue): the overlay must show it.
    const line = '覆盖层测试：这一句应该出现在直播画面上，字要大，背景要透明'
    await dashboard.getByTestId('test-text').fill(line)
    await dashboard.getByTestId('test-voice').click()
    await expect
      .poll(
        () =>
          overlay
            .getByTestId('overlay-now')
            .textContent()
            .catch(() => null),
        { timeout: 30_000, interval: 50 }
      )
      .toBe(line)
    expect(await overlay.evaluate('getComputedStyle(document.body).backgroundColor')).toBe(
      'rgba(0, 0, 0, 0)'
    )
    expect(
      parseFloat(
        await overlay.evaluate('getComputedStyle(document.querySelector(".overlay-now")).fontSize')
      )
    ).toBeGreaterThanOrEqual(40)
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await overlay.setViewportSize(viewport)
      await saveScreenshot(overlay, `overlay-${size}`, true)
    }
  })

  it('refuses a wrong token: 401 page, no bridge, no data', { timeout: 60_000 }, async () => {
    const server = await startServer()
    const context = await newContext()
    const page = await context.newPage()
    for (const path of ['/', '/overlay.html']) {
      const response = await page.goto(`${server.origin}${path}?token=wrong-token`)
      expect(response?.status()).toBe(401)
      expect(await page.textContent('body')).toContain('令牌')
      expect(await page.locator('#root').count()).toBe(0)
    }
    const noToken = await fetch(`${server.origin}/`)
    expect(noToken.status).toBe(401)
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(
        `ws://127.0.0.1:${new URL(server.origin).port}/bridge?token=wrong-token`
      )
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
      ws.on('open', () => {
        resolve(101)
        ws.close()
      })
      ws.on('error', () => {})
    })
    expect(refused).toBe(401)
  })
})
