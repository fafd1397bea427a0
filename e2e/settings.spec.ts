import { describe, expect, it } from 'vitest'
import { layoutProblems, saveScreenshot, useBrowser, VIEWPORTS } from './support/browser'
import { expectPoolMax, openTab, setPoolMax } from './support/flows'
import { startServer, tempDir } from './support/server'

/** Settings through the UI: validated, applied live, persisted in --data-dir. */
describe('settings (browser mode)', () => {
  const { open } = useBrowser()

  it(
    'a new TTS pool maximum reaches the pool live and survives a restart',
    { timeout: 90_000 },
    async () => {
      const dataDir = tempDir()
      const first = await startServer({ dataDir })
      let page = await open(first.url)
      await expectPoolMax(page, 'tts', 2)
      await setPoolMax(page, 'tts', 4)
      await expectPoolMax(page, 'tts', 4)
      await first.stop()

      const second = await startServer({ dataDir })
      page = await open(second.url)
      await expectPoolMax(page, 'tts', 4)
      await openTab(page, 'settings')
      expect(await page.getByTestId('setting-pools-tts-max').inputValue()).toBe('4')
    }
  )

  it('shows per-field errors and sends nothing invalid', { timeout: 60_000 }, async () => {
    const server = await startServer()
    const page = await open(server.url)
    await openTab(page, 'settings')
    await page.getByTestId('setting-pools-tts-min').fill('6')
    await page.getByTestId('setting-pools-tts-max').fill('5')
    await expect
      .poll(() => page.locator('#setting-pools-tts-min-error').textContent())
      .toBe('最小值不能大于最大值')
    expect(await page.getByTestId('settings-apply').isDisabled()).toBe(true)
    await page.getByTestId('setting-pools-tts-max').fill('99')
    await expect
      .poll(() => page.locator('#setting-pools-tts-max-error').textContent())
      .toBe('不能大于 8')
    await page.getByTestId('setting-events-chat-template').fill('{名字}说{content}')
    await expect
      .poll(() => page.locator('#setting-events-chat-template-error').textContent())
      .toContain('未知变量')
    await saveScreenshot(page, 'settings-errors')
    // One message per field: max too big, unknown placeholder (min is fine on its own now).
    expect(await page.getByTestId('settings-invalid').textContent()).toBe('有 2 处需要修改')
    await page.getByTestId('settings-discard').click()
    await expect.poll(() => page.getByTestId('setting-pools-tts-max').inputValue()).toBe('2')
    expect(await page.getByTestId('settings-invalid').count()).toBe(0)
  })

  it(
    'applies blocked words and event switches without a restart',
    { timeout: 60_000 },
    async () => {
      const server = await startServer()
      const page = await open(server.url)
      await openTab(page, 'settings')
      await page.getByTestId('setting-filter-blockedWords').fill('加微信\n广告')
      await page.getByTestId('setting-events-member-enabled').uncheck()
      await page.getByTestId('settings-apply').click()
      await page.getByTestId('settings-applied').waitFor()
      await page.reload()
      await openTab(page, 'settings')
      expect(await page.getByTestId('setting-filter-blockedWords').inputValue()).toBe(
        '加微信\n广告'
      )
      expect(await page.getByTestId('setting-events-member-enabled').isChecked()).toBe(false)
    }
  )

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(
      `lays out cleanly at ${viewport.width}×${viewport.height} (screenshot settings-${size})`,
      { timeout: 60_000 },
      async () => {
        const server = await startServer()
        const page = await open(server.url, { viewport })
        await openTab(page, 'settings')
        await saveScreenshot(page, `settings-${size}`)
        expect(await layoutProblems(page)).toEqual([])
        await page.getByTestId('setting-events-gift-cap').scrollIntoViewIfNeeded()
        await saveScreenshot(page, `settings-${size}-events`)
        expect(await layoutProblems(page)).toEqual([])
      }
    )
  }
})
