import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { parseWav, pcmRms } from '../src/shared/wav-format'
import { fetchSnapshot } from './support/bridge-client'
import { useBrowser } from './support/browser'
import { openTab, tileNumber } from './support/flows'
import { startServer, tempDir } from './support/server'
import { writeFileSync } from 'node:fs'

const POLL = { timeout: 30_000, interval: 100 }
/** The colours the UI gives these types (src/renderer/src/lib/type-colours.ts, app.css). */
const COLOURS: Record<string, string> = {
  chat: '#5cc8ff',
  gift: '#f6c945',
  like: '#ff8a80',
  member: '#8fd694',
  follow: '#ff7aa8',
  share: '#4dd0c8',
  stats: '#b0bec5',
  fansclub: '#c79bf2',
  end: '#e0e0e0',
  system: '#f28b54'
}

/** PCM bytes of a WAV file (0 while it does not exist yet). */
function pcmOf(file: string): Uint8Array {
  try {
    return parseWav(new Uint8Array(readFileSync(file))).pcm
  } catch {
    return new Uint8Array(0)
  }
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

/** What a streamer does in the browser UI, end to end, against the real headless app. */
describe('streamer-ready (browser mode)', () => {
  const closers: (() => Promise<void>)[] = []
  const session = useBrowser({
    cleanup: async () => {
      for (const close of closers.splice(0)) await close()
    }
  })
  const open = (url: string) =>
    session.open(url, { permissions: ['clipboard-read', 'clipboard-write'] })

  async function disconnect(page: Page): Promise<void> {
    await page.getByTestId('disconnect').click()
    await expect.poll(() => page.getByTestId('session-state').textContent(), POLL).toBe('未连接')
  }

  it(
    '试听 speaks the sample line with the chosen voice: recorded through the wav sink',
    { timeout: 120_000 },
    async () => {
      const file = join(tempDir(), 'out.wav')
      const server = await startServer({ audio: `wav:${file}`, speed: 5 })
      const page = await open(server.url)
      await disconnect(page)
      const before = pcmOf(file).byteLength
      await openTab(page, 'settings')
      await page.getByTestId('setting-tts-engine').selectOption('espeak-wasm')
      await page.getByTestId('preview-text').fill('试听：感谢大家的支持')
      await page.getByTestId('preview-voice').click()
      await expect
        .poll(() => page.getByTestId('preview-done').textContent(), POLL)
        .toContain('已播放试听')
      const after = pcmOf(file)
      // At least half a second of 22 kHz 16-bit speech was added, and it is not silence.
      expect(after.byteLength - before).toBeGreaterThan(22_050)
      expect(pcmRms(after.subarray(before))).toBeGreaterThan(300)
      // Nothing was applied: previewing is not choosing.
      expect((await fetchSnapshot(server)).settings.tts.engine).toBe('auto')

      // An engine this computer cannot run is refused, in words, the moment it is chosen.
      if (process.platform === 'linux') {
        await page.getByTestId('setting-tts-engine').selectOption('sapi')
        await expect
          .poll(() => page.locator('#setting-tts-engine-error').textContent(), POLL)
          .toContain('只能在 Windows 上用')
        expect(await page.getByTestId('settings-apply').isDisabled()).toBe(true)
        await page.getByTestId('preview-voice').click()
        await expect
          .poll(() => page.getByTestId('preview-error').textContent(), POLL)
          .toContain('这台电脑不能用')
      }
    }
  )

  it('settings from every group survive a restart', { timeout: 150_000 }, async () => {
    const dataDir = tempDir()
    const first = await startServer({ dataDir })
    let page = await open(first.url)
    await openTab(page, 'settings')
    await page.getByTestId('setting-events-gift-template').fill('谢谢{user}的{gift}')
    await page.getByTestId('preset-giftsFollows').click()
    await page.getByTestId('tier-add').click()
    await page.getByTestId('setting-giftTiers-2-minDiamonds').fill('5000')
    await page.getByTestId('setting-giftTiers-2-template').fill('感谢{user}的超级大礼')
    await page.getByTestId('setting-tts-rate').fill('220')
    await page.getByTestId('setting-events-gift-volume').fill('1.5')
    await page.getByTestId('user-add').click()
    await page.getByTestId('user-0-id').fill('7123456789012345678')
    await page.getByTestId('user-0-readAs').fill('小明')
    await page.getByTestId('setting-filter-minLength').fill('2')
    await page.getByTestId('setting-antiSpam-perUserLimit').fill('3')
    await page.getByTestId('setting-audio-recordFile').fill('直播录音.wav')
    await page.getByTestId('setting-hotkeys-skip').fill('CommandOrControl+Shift+K')
    await page.getByTestId('setting-room-mode').selectOption('capture')
    await page.getByTestId('setting-room-cookie').fill('ttwid=abc; sessionid=xyz')
    await page.getByTestId('setting-shedding-thresholds-2').fill('50')
    await page.getByTestId('setting-overlay-port').fill('17999')
    await page.getByTestId('settings-apply').click()
    await page.getByTestId('settings-applied').waitFor({ timeout: POLL.timeout })
    await first.stop()

    const second = await startServer({ dataDir })
    page = await open(second.url)
    await openTab(page, 'settings')
    const value = (id: string) => page.getByTestId(id).inputValue()
    expect(await value('setting-events-gift-template')).toBe('谢谢{user}的{gift}')
    expect(await page.getByTestId('setting-events-chat-enabled').isChecked()).toBe(false)
    expect(await page.getByTestId('setting-events-follow-enabled').isChecked()).toBe(true)
    expect(await value('setting-giftTiers-2-template')).toBe('感谢{user}的超级大礼')
    expect(await value('setting-tts-rate')).toBe('220')
    expect(await value('setting-events-gift-volume')).toBe('1.5')
    expect(await value('user-0-readAs')).toBe('小明')
    expect(await value('setting-filter-minLength')).toBe('2')
    expect(await value('setting-antiSpam-perUserLimit')).toBe('3')
    expect(await value('setting-audio-recordFile')).toBe('直播录音.wav')
    expect(await value('setting-hotkeys-skip')).toBe('CommandOrControl+Shift+K')
    expect(await value('setting-room-mode')).toBe('capture')
    expect(await value('setting-room-cookie')).toBe('ttwid=abc; sessionid=xyz')
    expect(await value('setting-shedding-thresholds-2')).toBe('50')
    expect(await value('setting-overlay-port')).toBe('17999')
    const settings = (await fetchSnapshot(second)).settings
    expect(settings.users['7123456789012345678']).toEqual({ readAs: '小明' })
    expect(settings.giftTiers).toHaveLength(3)
    expect(settings.shedding.thresholds).toEqual([12, 25, 50, 80])
  })

  it('refuses an empty template, per field, in words', { timeout: 60_000 }, async () => {
    const server = await startServer()
    const page = await open(server.url)
    await openTab(page, 'settings')
    await page.getByTestId('setting-events-chat-template').fill('')
    await expect
      .poll(() => page.locator('#setting-events-chat-template-error').textContent())
      .toContain('模板不能为空')
    expect(await page.getByTestId('settings-apply').isDisabled()).toBe(true)
    await page.getByTestId('lang-switch').click()
    await expect
      .poll(() => page.locator('#setting-events-chat-template-error').textContent())
      .toContain('a template cannot be empty')
  })

  it(
    'the OBS link survives a restart; copy, preview and reset work',
    { timeout: 150_000 },
    async () => {
      const dataDir = tempDir()
      const port = await freePort()
      writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ overlay: { port } }))
      const first = await startServer({ dataDir, ui: 'settings' })
      expect(new URL(first.overlayUrl).port).toBe(String(port))
      let page = await open(first.url)
      await openTab(page, 'settings')
      await page.getByTestId('group-link-output').click()
      expect(await page.getByTestId('obs-url').inputValue()).toBe(first.overlayUrl)
      await page.getByTestId('obs-copy').click()
      await expect.poll(() => page.getByTestId('obs-copied').textContent()).toBe('已复制')
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(first.overlayUrl)
      // The overlay options are explained and can be set here: the link carries them.
      expect(await page.getByTestId('group-output').textContent()).toContain('&align=')
      await page.getByTestId('obs-align').selectOption('center')
      await page.getByTestId('obs-next').uncheck()
      expect(await page.getByTestId('obs-url').inputValue()).toBe(
        `${first.overlayUrl}&align=center&next=0`
      )
      await page.getByTestId('obs-preview-toggle').click()
      await expect
        .poll(() => page.getByTestId('overlay-preview').getAttribute('class'))
        .toContain('align-center')
      await page.getByTestId('obs-align').selectOption('left')
      await page.getByTestId('obs-next').check()
      await first.stop()

      const second = await startServer({ dataDir, ui: 'settings' })
      expect(second.overlayUrl).toBe(first.overlayUrl)
      page = await open(second.url)
      await openTab(page, 'settings')
      expect(await page.getByTestId('obs-url').inputValue()).toBe(first.overlayUrl)
      page.once('dialog', (d) => void d.accept())
      await page.getByTestId('obs-reset').click()
      await expect
        .poll(() => page.getByTestId('obs-url').inputValue(), POLL)
        .not.toBe(first.overlayUrl)
      const fresh = await page.getByTestId('obs-url').inputValue()
      expect((await fetch(first.overlayUrl)).status).toBe(401)
      expect((await fetch(fresh)).status).toBe(200)
      await second.stop()

      // Another program on the port: a free one this time, said in words; the token stays.
      // It takes the port and hangs up on anyone (the last page's bridge keeps retrying it).
      const blocker: Server = createServer((socket) => socket.destroy())
      await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r))
      closers.push(() => new Promise<void>((r) => blocker.close(() => r())))
      const third = await startServer({ dataDir, ui: 'settings' })
      expect(new URL(third.overlayUrl).port).not.toBe(String(port))
      expect(new URL(third.overlayUrl).searchParams.get('token')).toBe(
        new URL(fresh).searchParams.get('token')
      )
      page = await open(third.url)
      await expect
        .poll(() => page.locator('[data-code=overlay-port-busy]').textContent(), POLL)
        .toContain(`端口 ${port} 被别的程序占用`)
    }
  )

  it(
    'chart colours belong to event types and stay put as lanes appear',
    { timeout: 90_000 },
    async () => {
      const server = await startServer({ speed: 5 })
      const page = await open(server.url)
      const strokes = () =>
        page.evaluate<
          [string, string][]
        >(`[...document.querySelectorAll('[data-testid=queue-chart] path[data-series]')]
        .map((p) => [p.getAttribute('data-series'), p.getAttribute('stroke')])`)
      const seen = new Map<string, string>()
      let most = 0
      // A system line joins mid-way: a new series must not repaint the others.
      await page.getByTestId('test-text').fill('颜色测试')
      for (let i = 0; i < 25; i++) {
        if (i === 8) await page.getByTestId('test-voice').click()
        for (const [key, stroke] of await strokes()) {
          if (key === 'message') continue
          expect(stroke, key).toBe(COLOURS[key])
          if (seen.has(key)) expect(stroke).toBe(seen.get(key))
          seen.set(key, stroke)
        }
        most = Math.max(most, seen.size)
        await page.waitForTimeout(400)
      }
      expect(most).toBeGreaterThanOrEqual(2)
      // The system line is labelled as such in the speech log, not as a chat.
      await page.getByTestId('feed-speech').click()
      await expect
        .poll(
          () => page.locator('[data-testid=speech-list] .type-badge[data-type=system]').count(),
          POLL
        )
        .toBeGreaterThan(0)
    }
  )

  it(
    'a reconnect from the dashboard never truncates the --audio wav: recording',
    { timeout: 120_000 },
    async () => {
      const file = join(tempDir(), 'session.wav')
      const server = await startServer({ audio: `wav:${file}`, speed: 5 })
      const page = await open(server.url)
      await expect.poll(() => tileNumber(page, 'spoken'), POLL).toBeGreaterThan(1)
      await disconnect(page)
      const first = pcmOf(file)
      expect(first.byteLength).toBeGreaterThan(0)
      await page.getByTestId('mode-demo').click()
      await page.getByTestId('connect').click()
      await expect
        .poll(() => page.getByTestId('session-state').getAttribute('class'), POLL)
        .toContain('session-running')
      await expect.poll(() => pcmOf(file).byteLength, POLL).toBeGreaterThan(first.byteLength)
      await server.stop()
      const all = pcmOf(file)
      expect(all.byteLength).toBeGreaterThan(first.byteLength)
      expect(Buffer.from(all.subarray(0, first.byteLength)).equals(Buffer.from(first))).toBe(true)
    }
  )

  it(
    'errors read in Chinese and English, from codes; share links resolve or are refused',
    { timeout: 150_000 },
    async () => {
      // A stand-in for v.douyin.com: one short link leads to a room, one to a profile.
      const short: HttpServer = createHttpServer((req, res) => {
        const to =
          req.url === '/iRoom/'
            ? 'https://live.douyin.com/80017709309'
            : 'https://www.douyin.com/user/MS4wLjABAAAA'
        res.writeHead(302, { Location: to }).end()
      })
      await new Promise<void>((r) => short.listen(0, '127.0.0.1', r))
      closers.push(() => new Promise<void>((r) => short.close(() => r())))
      const closed = await freePort()
      const server = await startServer({
        args: [
          '--douyin-share-base',
          `http://127.0.0.1:${(short.address() as { port: number }).port}`,
          '--douyin-base',
          `http://127.0.0.1:${closed}`,
          '--douyin-mode',
          'direct'
        ]
      })
      const page = await open(server.url)
      const connect = async (mode: string, input: string) => {
        await page.getByTestId(`mode-${mode}`).click()
        await page.getByTestId('source-input').fill(input)
        await page.getByTestId('connect').click()
      }
      const both = async (testId: string, zh: string, en: string) => {
        await expect.poll(() => page.getByTestId(testId).textContent(), POLL).toContain(zh)
        await page.getByTestId('lang-switch').click()
        await expect.poll(() => page.getByTestId(testId).textContent(), POLL).toContain(en)
        await page.getByTestId('lang-switch').click()
      }
      await connect('relay', 'http://127.0.0.1:1')
      await both(
        'session-error',
        '中继地址要以 ws:// 或 wss:// 开头',
        'must start with ws:// or wss://'
      )
      await connect('douyin', '8.97 复制打开抖音，看看【小明的作品】 #口令')
      await both('session-error', '这段分享口令里没有链接', 'This share text has no link in it')
      await connect('douyin', 'https://v.douyin.com/iUser/')
      await both('session-error', '没有指向直播间页面', 'does not lead to a live room page')

      // A short link that leads to a room is resolved to it; Douyin itself is unreachable here.
      await connect('douyin', '【小明的直播间】 https://v.douyin.com/iRoom/ 复制此链接')
      await expect
        .poll(async () => (await fetchSnapshot(server)).session.source, POLL)
        .toBe('douyin:80017709309')
      await both('source-reason', '网络连不上', 'Cannot reach the network')
      await both('source-cause', '对方拒绝连接', 'connection refused')
      await expect
        .poll(
          async () =>
            Number((await page.getByTestId('reconnects').textContent())?.match(/\d+/)?.[0]),
          POLL
        )
        .toBeGreaterThan(0)

      // A relay that is not running is not "the network is down".
      await connect('relay', `ws://127.0.0.1:${closed}`)
      await both(
        'source-reason',
        '弹幕抓取工具（中继）没有运行',
        'The relay (BarrageGrab) is not running'
      )
      const text = (await page.getByTestId('connect-panel').textContent()) ?? ''
      expect(text).not.toMatch(/ECONNREFUSED|not reachable|retrying/)
    }
  )
})
