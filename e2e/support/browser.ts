import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page
} from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { cleanupTempDirs, ROOT, stopAllServers } from './server'

/** Debian's chromium, as platform-notes.md describes (no downloaded browser builds here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run'
    ]
  })
}

/** The two window sizes the layout must work at. */
export const VIEWPORTS = {
  large: { width: 1280, height: 800 },
  small: { width: 900, height: 600 }
} as const

export interface BrowserSessionOptions {
  /** Fail a test whose pages threw an uncaught error, whatever they were shown. */
  failOnPageErrors?: boolean
  /** Options every context gets (e.g. `bypassCSP` so axe can be injected). */
  context?: BrowserContextOptions
  /** Runs after each test, once its browser context is closed and its servers stopped. */
  cleanup?: () => Promise<void>
}

export interface OpenOptions {
  viewport?: { width: number; height: number }
  /** Browser permissions granted to the page's origin (e.g. the clipboard). */
  permissions?: string[]
}

export interface BrowserSession {
  /** Opens `url` in a fresh context (the test's previous one closes) and waits for the dashboard. */
  open: (url: string, options?: OpenOptions) => Promise<Page>
  /** A fresh context with no page yet (the test's previous one closes). */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>
  /** The current test's context, for second pages such as the overlay. */
  readonly context: BrowserContext
}

/**
 * One Chromium per spec file and one context per test: registers the hooks that launch and close
 * the browser, close each test's context, stop the app servers and remove temp folders.
 */
export function useBrowser(options: BrowserSessionOptions = {}): BrowserSession {
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  let pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterEach(async () => {
    const errors = pageErrors
    pageErrors = []
    await context?.close()
    context = undefined
    await stopAllServers()
    await options.cleanup?.()
    if (options.failOnPageErrors) expect(errors).toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
    cleanupTempDirs()
  })

  async function newContext(contextOptions: BrowserContextOptions = {}): Promise<BrowserContext> {
    if (!browser) throw new Error('useBrowser: the browser is not launched yet (use it in a test)')
    await context?.close()
    context = await browser.newContext({ ...options.context, ...contextOptions })
    return context
  }

  return {
    newContext,
    get context(): BrowserContext {
      if (!context) throw new Error('useBrowser: no context yet; open a page first')
      return context
    },
    async open(url, { viewport = VIEWPORTS.large, permissions } = {}) {
      const ctx = await newContext({ viewport })
      if (permissions) await ctx.grantPermissions(permissions, { origin: new URL(url).origin })
      const page = await ctx.newPage()
      if (options.failOnPageErrors) page.on('pageerror', (err) => pageErrors.push(err.message))
      await page.goto(url)
      await page.getByTestId('dashboard').waitFor()
      return page
    }
  }
}

/** Where screenshots go (gitignored). */
export const SCREENSHOT_DIR = join(ROOT, '.test-artifacts', 'screenshots')

/** Saves a viewport screenshot for people to look at (gitignored); `transparent` keeps the page's alpha (overlay). */
export async function saveScreenshot(
  page: Page,
  name: string,
  transparent = false
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, omitBackground: transparent })
  return path
}

/**
 * Layout problems a person would see: the page wider than the window, text spilling out of a panel,
 * or two panels (cards, tiles, banners) covering each other where they are visible (rects are clipped
 * by their scroll containers; a sticky bar over scrolled content is by design).
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  // A string, not a function: the test runner's transpiler may add helpers the page does not have.
  return page.evaluate<string[]>(LAYOUT_CHECK)
}

const LAYOUT_CHECK = `(() => {
  const problems = []
  const doc = document.documentElement
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push('page is ' + doc.scrollWidth + 'px wide in a ' + doc.clientWidth + 'px window')
  const name = (el) => el.className + ' "' + (el.textContent || '').trim().slice(0, 24) + '"'
  const visible = (el) => {
    let r = el.getBoundingClientRect()
    let box = { l: r.left, t: r.top, r: r.right, b: r.bottom }
    for (let p = el.parentElement; p; p = p.parentElement) {
      const cs = getComputedStyle(p)
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue
      const c = p.getBoundingClientRect()
      box = { l: Math.max(box.l, c.left), t: Math.max(box.t, c.top), r: Math.min(box.r, c.right), b: Math.min(box.b, c.bottom) }
    }
    return box.r - box.l > 1 && box.b - box.t > 1 ? box : null
  }
  const scrolledSticky = (el) => {
    if (getComputedStyle(el).position !== 'sticky') return false
    for (let p = el.parentElement; p; p = p.parentElement) if (p.scrollTop > 0) return true
    return false
  }
  const boxes = [...document.querySelectorAll('.card, .tile, .banner, .app-header, .settings-bar, fieldset')]
  for (const el of boxes) {
    if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX === 'visible') problems.push('content spills out of ' + name(el))
  }
  for (const el of document.querySelectorAll('.tile-value')) {
    if (el.scrollWidth > el.clientWidth + 1) problems.push('number cut off in ' + name(el.parentElement))
  }
  const shown = boxes.map((el) => [el, visible(el)]).filter(([, box]) => box)
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const [a, r] = shown[i], [b, s] = shown[j]
      if (a.contains(b) || b.contains(a) || scrolledSticky(a) || scrolledSticky(b)) continue
      const w = Math.min(r.r, s.r) - Math.max(r.l, s.l)
      const h = Math.min(r.b, s.b) - Math.max(r.t, s.t)
      if (w > 1 && h > 1) problems.push(name(a) + ' overlaps ' + name(b))
    }
  }
  return problems
})()`
