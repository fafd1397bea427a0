import { statSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import type { Notice, ObsLink } from '../../shared/ipc/contract'
import { AppController } from '../app/app-controller'
import { SettingsStore } from '../settings/settings-store'
import { ASSETS_DIR, requireBuild, ROOT, tempDir, WORKER_DIR } from '../testing/paths'
import { serveUi } from './serve-ui'

requireBuild()
const disposers: (() => unknown)[] = []
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d()
})

function controller() {
  const c = new AppController({
    store: new SettingsStore(undefined),
    workerDir: WORKER_DIR,
    sourceOptions: { speed: 20, assetsDir: ASSETS_DIR },
    audio: { kind: 'null' },
    audioPace: 'fast'
  })
  disposers.push(() => c.dispose())
  return c
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

async function serve(dataDir: string, port: number) {
  const c = controller()
  const ui = await serveUi({
    controller: c,
    rendererDir: join(ROOT, 'out', 'renderer'),
    port,
    fromSettings: true,
    dataDir
  })
  disposers.push(() => ui.close())
  return { c, ui }
}

const status = async (url: string) => (await fetch(url)).status

describe('the OBS link', () => {
  it('is the same after a restart: the port from settings, the token from the data folder', async () => {
    const t = tempDir()
    disposers.push(t.cleanup)
    const port = await freePort()
    const first = await serve(t.dir, port)
    const link = first.c.snapshot().obsLink!
    expect(link).toMatchObject({ port, configuredPort: port })
    expect(link.url).toBe(`http://127.0.0.1:${port}/overlay.html?token=${first.ui.overlayToken}`)
    expect(statSync(join(t.dir, 'overlay-token')).mode & 0o777).toBe(0o600)
    await first.ui.close()

    const second = await serve(t.dir, port)
    expect(second.c.snapshot().obsLink?.url).toBe(link.url)
    expect(await status(link.url)).toBe(200)
    // The control token is still new every run: the dashboard link is not the OBS link.
    expect(second.ui.token).not.toBe(first.ui.token)
  })

  it('uses a free port when the configured one is taken, and says so', async () => {
    const t = tempDir()
    disposers.push(t.cleanup)
    const blocker: Server = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    disposers.push(() => new Promise<void>((r) => blocker.close(() => r())))
    const taken = (blocker.address() as { port: number }).port
    const c = controller()
    const notices: Notice[] = []
    c.onNotice((n) => notices.push(n))
    const ui = await serveUi({
      controller: c,
      rendererDir: join(ROOT, 'out', 'renderer'),
      port: taken,
      fromSettings: true,
      dataDir: t.dir
    })
    disposers.push(() => ui.close())
    expect(ui.portFallback).toBe(true)
    expect(ui.port).not.toBe(taken)
    expect(c.snapshot().obsLink).toMatchObject({ port: ui.port, configuredPort: taken })
    expect(notices).toMatchObject([
      { code: 'overlay-port-busy', params: { port: taken, used: ui.port } }
    ])
  })

  it('reset: a new token at once, kept; overlays on the old link are cut off', async () => {
    const t = tempDir()
    disposers.push(t.cleanup)
    const { c, ui } = await serve(t.dir, await freePort())
    const old = c.snapshot().obsLink!
    const oldToken = ui.overlayToken
    const feed = new WebSocket(`ws://127.0.0.1:${ui.port}/overlay-feed?token=${oldToken}`)
    await new Promise((r) => feed.once('open', r))
    const closed = new Promise<number>((r) => feed.once('close', (code) => r(code)))
    const pushed: ObsLink[] = []
    c.onObsLink((l) => pushed.push(l))
    const result = await c.dispatch('resetOverlayToken', {})
    expect(result.ok).toBe(true)
    const fresh = c.snapshot().obsLink!
    expect(fresh.url).not.toBe(old.url)
    expect(pushed).toEqual([fresh])
    expect(await closed).toBe(4001)
    expect(await status(old.url)).toBe(401)
    expect(await status(fresh.url)).toBe(200)
    await ui.close()
    const again = await serve(t.dir, fresh.port)
    expect(again.c.snapshot().obsLink?.url).toBe(fresh.url)
  })
})

describe('pages from the UI server', () => {
  it('carry the one app CSP (object-src none included), as the Electron window does', async () => {
    const t = tempDir()
    disposers.push(t.cleanup)
    const { c } = await serve(t.dir, await freePort())
    const res = await fetch(c.snapshot().obsLink!.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
  })
})
