import { describe, expect, it } from 'vitest'
import { startChatServer, type ChatServer } from '../src/main/pipeline/replies/testing/chat-server'
import { fetchSnapshot } from './support/bridge-client'
import { saveScreenshot, useBrowser } from './support/browser'
import { openTab } from './support/flows'
import { startServer } from './support/server'

/**
 * AI replies set up from the settings page in Chromium, against the real headless app and a real
 * chat-completions server on 127.0.0.1: the endpoint is checked as typed (coded, worded words),
 * and once applied a viewer's question in the demo gets a spoken `reply` line.
 */
describe('AI replies (browser mode)', () => {
  let chat: ChatServer | undefined
  const { open } = useBrowser({
    failOnPageErrors: true,
    cleanup: async () => {
      await chat?.close()
      chat = undefined
    }
  })

  it(
    'set up in the settings page, the room’s questions and big gifts are answered aloud',
    { timeout: 120_000 },
    async () => {
      chat = await startChatServer()
      chat.answer = () => '我是江苏人哦，欢迎常来'
      const server = await startServer({ speed: 1 })
      const page = await open(server.url)
      await openTab(page, 'settings')
      await page.getByTestId('group-link-ai').click()
      await page.getByTestId('setting-ai-endpoint').fill('ftp://127.0.0.1/v1')
      await expect
        .poll(() => page.locator('#setting-ai-endpoint-error').textContent())
        .toBe('要以 http:// 或 https:// 开头')
      expect(await page.getByTestId('settings-apply').isDisabled()).toBe(true)
      await page.getByTestId('setting-ai-endpoint').fill(chat.url)
      await page.getByTestId('setting-ai-enabled').check()
      await page.getByTestId('setting-ai-perMinute').fill('30')
      await expect.poll(() => page.locator('#setting-ai-endpoint-error').count()).toBe(0)
      await page.getByTestId('settings-apply').click()
      await page.getByTestId('settings-applied').waitFor()

      // The demo's viewers ask things ("主播是哪里人？"): a reply is generated and spoken.
      await expect
        .poll(async () => (await fetchSnapshot(server)).status?.ai?.counts.replied ?? 0, {
          timeout: 90_000,
          interval: 500
        })
        .toBeGreaterThanOrEqual(1)
      // Viewers' words only ever inside the user message, as quoted JSON strings.
      for (const request of chat.requests) {
        expect(request.messages.map((m) => m.role)).toEqual(['system', 'user'])
        expect(request.messages[1]!.content).toMatch(/"[^"]+"/)
      }
      await openTab(page, 'dashboard')
      await page.getByTestId('ai-panel').waitFor()
      expect(await page.getByTestId('ai-state').textContent()).toBe('正常')
      await page.getByTestId('feed-speech').click()
      const reply = page.locator('[data-testid="speech-list"] li', {
        has: page.locator('[data-type="reply"]')
      })
      await reply.first().waitFor({ timeout: 30_000 })
      expect(await reply.first().textContent()).toContain('我是江苏人哦')
      expect(await reply.first().locator('[data-type="reply"]').textContent()).toBe('AI 回复')
      await saveScreenshot(page, 'ai-reply-dashboard')
    }
  )
})
