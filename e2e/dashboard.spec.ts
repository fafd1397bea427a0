import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { fetchSnapshot } from './support/bridge-client'
import { layoutProblems, saveScreenshot, useBrowser, VIEWPORTS } from './support/browser'
import { expectDashboardMoving, skipAndClear } from './support/flows'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, startServer, tempDir } from './support/server'

function dropCountText(page: Page): Promise<string> {
  return page
    .getByTestId('drops')
    .textContent()
    .then((t) => t ?? '')
}

/** Browser mode against the real headless server: the dashboard follows the live demo. */
describe('dashboard (browser mode)', () => {
  // The page must never throw, whatever it is shown.
  const { open } = useBrowser({ failOnPageErrors: true })

  it('starts on the demo and the numbers move', { timeout: 60_000 }, async () => {
    const server = await startServer()
    const page = await open(server.url)
    await expectDashboardMoving(page)
    expect(await page.getByTestId('link-banner').count()).toBe(0)
  })

  it(
    'shows how fast each kind of event is thanked, against its target',
    { timeout: 60_000 },
    async () => {
      const server = await startServer({ speed: 5 })
      const page = await open(server.url)
      const panel = page.getByTestId('ack-panel')
      await panel.waitFor()
      // The demo's gifts are thanked: the row fills in with a lag, graded against the 10 s target.
      await expect
        .poll(() => page.getByTestId('ack-gift').getAttribute('data-lag'), { timeout: 30_000 })
        .toMatch(/^\d+/)
      const lag = Number(await page.getByTestId('ack-gift').getAttribute('data-lag'))
      const snap = await fetchSnapshot(server)
      expect(snap.status?.plan.byType.gift?.lag.p95).toBeDefined()
      expect(['ok', 'late', 'missed']).toContain(
        await page.getByTestId('ack-gift').getAttribute('data-grade')
      )
      expect(await page.getByTestId('ack-gift').textContent()).toContain(
        `${(lag / 1000).toFixed(lag < 10_000 ? 1 : 0)} 秒 / 10 秒`
      )
      for (const type of ['follow', 'chat', 'member']) {
        expect(await page.getByTestId(`ack-${type}`).count()).toBe(1)
      }
      // It replaces the old backlog banner.
      expect(await page.getByTestId('backlog-warning').count()).toBe(0)
      await page.getByTestId('lang-switch').click()
      await expect.poll(() => panel.textContent()).toContain('How fast each kind is thanked')
    }
  )

  it('skip and clear work', { timeout: 60_000 }, async () => {
    const server = await startServer({ speed: 5 })
    const page = await open(server.url)
    await skipAndClear(page)
  })

  it('volume and rate reach the app', { timeout: 60_000 }, async () => {
    const server = await startServer()
    const page = await open(server.url)
    await expect.poll(() => page.getByTestId('volume').isEnabled()).toBe(true)
    // Keyboard steps: 4 × 5% down, 5 × 5 wpm up.
    await page.getByTestId('volume').focus()
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft')
    await page.getByTestId('rate').focus()
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
    await expect
      .poll(async () => {
        const snap = await fetchSnapshot(server)
        return [snap.settings.audio.volume, snap.status?.player.volume, snap.settings.tts.rate]
      })
      .toEqual([0.8, 0.8, 200])
    expect(await page.locator('.slider output').first().textContent()).toBe('80%')
  })

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(
      `lays out cleanly at ${viewport.width}×${viewport.height} (screenshot dashboard-${size})`,
      { timeout: 60_000 },
      async () => {
        const server = await startServer({ speed: 5 })
        const page = await open(server.url, { viewport })
        await expectDashboardMoving(page)
        await saveScreenshot(page, `dashboard-${size}`)
        expect(await layoutProblems(page)).toEqual([])
        // The English dictionary must fit the same boxes.
        await page.getByTestId('lang-switch').click()
        await expect.poll(() => page.getByTestId('tab-dashboard').textContent()).toBe('Dashboard')
        await saveScreenshot(page, `dashboard-${size}-en`)
        expect(await layoutProblems(page)).toEqual([])
      }
    )
  }

  it('explains a failed connect in plain words', { timeout: 60_000 }, async () => {
    const server = await startServer()
    const page = await open(server.url)
    await page.getByTestId('mode-replay').click()
    await page.getByTestId('source-input').fill('/nonexistent/录制.jsonl')
    await page.getByTestId('connect').click()
    await expect
      .poll(() => page.getByTestId('session-error').textContent())
      .toContain('找不到或无法读取回放文件：/nonexistent/录制.jsonl')
    await expect.poll(() => page.getByTestId('session-state').textContent()).toBe('未连接')
    // Controls that need a session say so instead of failing later.
    expect(await page.getByTestId('skip').isDisabled()).toBe(true)
  })

  it(
    'shows an audio device that cannot be opened, clearly and once',
    { timeout: 60_000 },
    async () => {
      // An ALSA configuration naming a sound card that does not exist: the same failure on every Linux machine.
      const alsa = join(tempDir(), 'no-card.conf')
      writeFileSync(alsa, 'pcm.!default { type hw; card 97 }\nctl.!default { type hw; card 97 }\n')
      const server = await startServer({ audio: 'speaker', env: { ALSA_CONFIG_PATH: alsa } })
      const page = await open(server.url)
      await expect
        .poll(() => page.getByTestId('audio-problem').textContent(), { timeout: 20_000 })
        .toContain('音频设备有问题')
      await expect
        .poll(() => dropCountText(page), { timeout: 20_000 })
        .toContain('音频设备没播出来')
      // The player keeps retrying; its notices collapse into one banner with a count.
      await expect
        .poll(() => page.locator('[data-testid=notices] [data-code=audio-device]').count())
        .toBe(1)
      await saveScreenshot(page, 'dashboard-audio-problem')
      expect(await layoutProblems(page)).toEqual([])
      await page.locator('[data-testid=notices] [data-code=audio-device] button').click()
      await expect
        .poll(() => page.locator('[data-testid=notices] [data-code=audio-device]').count())
        .toBe(0)
    }
  )

  it(
    'says when the settings file was damaged and defaults are in use',
    { timeout: 60_000 },
    async () => {
      const dataDir = tempDir()
      writeFileSync(join(dataDir, 'settings.json'), '{ "pools": { "tts": { "max": 1000 ')
      const server = await startServer({ dataDir })
      const page = await open(server.url)
      await expect
        .poll(() => page.locator('[data-code=settings-recovered]').textContent())
        .toContain('设置文件损坏，已恢复默认设置')
      await page.getByTestId('tab-settings').click()
      // Shown on the settings page too, with the backup's path from the main process.
      expect(await page.locator('[data-code=settings-recovered]').textContent()).toContain(
        'settings.json.corrupt-'
      )
    }
  )

  it(
    'reads a second room at once, switches it off, and lets it go',
    { timeout: 90_000 },
    async () => {
      const server = await startServer()
      const page = await open(server.url)
      await page.getByTestId('rooms-panel').waitFor()
      await page.getByTestId('room-r1').waitFor()
      // The only room cannot leave (that is what Disconnect is for).
      expect(await page.getByTestId('room-r1-remove').isDisabled()).toBe(true)
      const replay = `replay:${join(ROOT, 'assets', 'demo-session.jsonl')}`
      await page.getByTestId('room-input').fill(replay)
      await page.getByTestId('room-add').click()
      await page.getByTestId('room-r2').waitFor()
      await expect
        .poll(async () => (await fetchSnapshot(server)).status?.rooms.find((r) => r.key === 'r2'))
        .toMatchObject({ spec: replay })
      // Both rooms bring events.
      await expect
        .poll(async () => (await fetchSnapshot(server)).status?.rooms.every((r) => r.received > 0))
        .toBe(true)
      // The same room twice is refused, in words.
      await page.getByTestId('room-input').fill(replay)
      await page.getByTestId('room-add').click()
      await expect.poll(() => page.getByTestId('rooms-error').textContent()).toContain('已经在读了')
      // Switched off: a per-room setting, kept by its source spec.
      // (The switch shows the saved setting: it turns once the save is confirmed.)
      await page.getByTestId('room-r2-enabled').click()
      await expect
        .poll(async () => (await fetchSnapshot(server)).settings.rooms[replay]?.enabled)
        .toBe(false)
      await expect.poll(() => page.getByTestId('room-r2-enabled').isChecked()).toBe(false)
      await saveScreenshot(page, 'dashboard-rooms')
      expect(await layoutProblems(page)).toEqual([])
      await page.getByTestId('room-r2-remove').click()
      await expect.poll(() => page.getByTestId('room-r2').count()).toBe(0)
      expect((await fetchSnapshot(server)).session.sources).toEqual(['demo'])
    }
  )

  it('remembers the language in this browser', { timeout: 60_000 }, async () => {
    const server = await startServer()
    const page = await open(server.url)
    expect(await page.getByTestId('tab-settings').textContent()).toBe('设置')
    await page.getByTestId('lang-switch').click()
    await page.reload()
    await expect.poll(() => page.getByTestId('tab-settings').textContent()).toBe('Settings')
    expect(await page.evaluate('document.documentElement.lang')).toBe('en')
  })

  it(
    'says "disconnected from DanmuVoice" when the server goes away',
    { timeout: 60_000 },
    async () => {
      const server = await startServer()
      const page = await open(server.url)
      await expect.poll(() => page.getByTestId('session-state').textContent()).toBe('运行中')
      await server.stop()
      await expect
        .poll(() => page.getByTestId('link-banner').textContent(), { timeout: 15_000 })
        .toContain('连接已断开')
      // Commands fail at once with words, instead of hanging.
      await expect.poll(() => page.getByTestId('skip').isDisabled()).toBe(true)
    }
  )
})
