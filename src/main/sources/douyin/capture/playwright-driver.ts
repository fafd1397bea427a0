import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, CDPSession } from 'playwright-core'
import { SourceError } from '../../source'
import { CAPTURE_EVENTS, ListenerSet, type CaptureDriver, type CdpSession } from './cdp'

/** Flags for a quiet headless Chromium (DEVELOPERS notes); audio muted since we only read comments. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--mute-audio'
]

/** Which Chromium to launch, and an optional UA override. */
export interface PlaywrightDriverOptions {
  /** @default '/usr/bin/chromium' */
  executablePath: string
  userAgent?: string
}

/**
 * playwright-core is an optional dependency, loaded only here: the desktop app captures with its
 * own window (electron-driver.ts) and does not ship it (electron-builder.yml). Without it, page
 * capture fails at once with `capture-driver-missing` instead of retrying.
 */
async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  const moduleName = 'playwright-core'
  try {
    return (await import(/* @vite-ignore */ moduleName)) as typeof import('playwright-core')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err
    throw new SourceError(
      'capture-driver-missing',
      'page capture needs the optional playwright-core package, which is not installed ' +
        '(npm install playwright-core), or use --douyin-mode direct'
    )
  }
}

/**
 * Drives an installed Chromium through playwright-core, with a fresh profile per launch (deleted on
 * close).
 */
export function playwrightDriver(o: PlaywrightDriverOptions): CaptureDriver {
  return {
    name: 'playwright',
    async open(signal) {
      const { chromium } = await loadPlaywright()
      const dir = await mkdtemp(join(tmpdir(), 'danmuvoice-capture-'))
      let context: BrowserContext | undefined
      try {
        context = await chromium.launchPersistentContext(dir, {
          executablePath: o.executablePath,
          headless: true,
          args: CHROMIUM_FLAGS,
          userAgent: o.userAgent
        })
        if (signal.aborted) throw new Error('aborted')
        const page = context.pages()[0] ?? (await context.newPage())
        const session = await context.newCDPSession(page)
        return wrap(context, session, page, dir)
      } catch (err) {
        await context?.close().catch(() => undefined)
        await rm(dir, { recursive: true, force: true })
        throw err
      }
    }
  }
}

function wrap(
  context: BrowserContext,
  session: CDPSession,
  page: { on(e: 'crash', f: () => void): unknown },
  dir: string
): CdpSession {
  const events = new ListenerSet<[string, Record<string, unknown>]>()
  const closes = new ListenerSet<[string]>()
  let closed = false
  for (const name of CAPTURE_EVENTS) {
    session.on(name, (params: unknown) =>
      events.fire(name, (params ?? {}) as Record<string, unknown>)
    )
  }
  context.on('close', () => closes.fire('browser closed'))
  page.on('crash', () => closes.fire('page crashed'))
  return {
    send: (method, params) => session.send(method as never, params as never),
    onEvent: (fn) => events.add(fn),
    onClose: (fn) => closes.add(fn),
    async close() {
      if (closed) return
      closed = true
      events.clear()
      closes.clear()
      await session.detach().catch(() => undefined)
      await context.close().catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    }
  }
}
