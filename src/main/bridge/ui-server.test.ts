import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { BridgeServerMessage } from '../../shared/ipc/contract'
import { AppController } from '../app/app-controller'
import { SettingsStore } from '../settings/settings-store'
import { ASSETS_DIR, requireBuild, ROOT, WORKER_DIR } from '../testing/paths'
import { waitFor } from '../testing/wait-for'
import { UiServer } from './ui-server'
import { wsText } from './ws-text'

requireBuild()
const disposers: (() => unknown)[] = []
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d()
})

async function serve() {
  const controller = new AppController({
    store: new SettingsStore(undefined),
    workerDir: WORKER_DIR,
    sourceOptions: { speed: 20, assetsDir: ASSETS_DIR },
    audio: { kind: 'null' },
    audioPace: 'fast',
    tickMs: 20
  })
  const server = new UiServer({ controller, rendererDir: join(ROOT, 'out', 'renderer'), port: 0 })
  await server.listen()
  disposers.push(
    () => controller.dispose(),
    () => server.close()
  )
  return { controller, server }
}

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = ''
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

function open(
  url: string,
  headers: Record<string, string> = {}
): Promise<{ ws: WebSocket; messages: BridgeServerMessage[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    const messages: BridgeServerMessage[] = []
    ws.on('message', (d) => messages.push(JSON.parse(wsText(d)) as BridgeServerMessage))
    ws.once('open', () => resolve({ ws, messages }))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
    disposers.push(() => ws.terminate())
  })
}

describe('UiServer (browser mode)', () => {
  it('binds to 127.0.0.1 and serves the pages only with the token', async () => {
    const { server } = await serve()
    expect(server.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
    const ok = await get(server.port, `/?token=${server.token}`)
    expect(ok.status).toBe(200)
    expect(ok.body).toContain('<div id="root">')
    expect(ok.headers['referrer-policy']).toBe('no-referrer')
    expect((await get(server.port, `/overlay.html?token=${server.overlayToken}`)).status).toBe(200)
    const missing = await get(server.port, '/')
    expect(missing.status).toBe(401)
    expect(missing.body).toMatch(/Missing or wrong access token/)
    expect((await get(server.port, '/?token=wrong')).status).toBe(401)
    expect((await get(server.port, `/overlay.html?token=${server.overlayToken}x`)).status).toBe(401)
  })

  it('gives the overlay its own token, which opens nothing but the overlay', async () => {
    const { server } = await serve()
    expect(server.overlayToken).not.toBe(server.token)
    expect(server.overlayUrl()).toBe(
      `http://127.0.0.1:${server.port}/overlay.html?token=${server.overlayToken}`
    )
    expect(server.overlayUrl()).not.toContain(server.token)
    // The overlay token is shown on stream: it must not open the dashboard or its bridge…
    for (const path of ['/', '/index.html', '/%69ndex.html', '/./index.html', '/INDEX.HTML']) {
      expect((await get(server.port, `${path}?token=${server.overlayToken}`)).status).toBe(401)
    }
    await expect(
      open(`ws://127.0.0.1:${server.port}/bridge?token=${server.overlayToken}`)
    ).rejects.toThrow('HTTP 401')
    // …and the control token is not needed (nor accepted) for the overlay page.
    expect((await get(server.port, `/overlay.html?token=${server.token}`)).status).toBe(401)
    // Percent-encoding cannot skip the check either.
    expect((await get(server.port, '/%69ndex.html')).status).toBe(401)
    expect((await get(server.port, '/%2569ndex.html')).status).toBe(401)
    expect((await get(server.port, '/assets/../index.html')).status).toBe(401)
  })

  it('the overlay feed pushes only the overlay view and refuses every command', async () => {
    const { controller, server } = await serve()
    await controller.connect('demo')
    const { ws, messages } = await open(
      `ws://127.0.0.1:${server.port}/overlay-feed?token=${server.overlayToken}`
    )
    await waitFor(
      () => messages.some((m) => m.type === 'event' && m.name === 'overlay'),
      'the overlay view on connect'
    )
    const attempts = [
      { name: 'updateSettings', args: { patch: { audio: { volume: 0 } } } },
      { name: 'control', args: { action: 'pause' } },
      { name: 'getSnapshot', args: {} },
      { name: 'disconnect', args: {} }
    ]
    attempts.forEach((a, i) => ws.send(JSON.stringify({ type: 'invoke', id: i + 1, ...a })))
    await waitFor(() => messages.filter((m) => m.type === 'result').length === 4, 'four refusals')
    for (const m of messages.filter((m) => m.type === 'result')) {
      expect(m.result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(controller.session.state).toBe('running')
    expect(controller.pipeline?.player.paused).toBe(false)
    expect(controller.snapshot().settings.audio.volume).toBe(1)
    await waitFor(
      () =>
        messages.some(
          (m) =>
            m.type === 'event' &&
            m.name === 'overlay' &&
            typeof (m.payload as { now?: { text: string } }).now?.text === 'string'
        ),
      'a spoken line on the overlay feed'
    )
    // Nothing but the overlay view ever reaches an overlay link.
    expect(
      new Set(messages.filter((m) => m.type === 'event').map((m) => m.type === 'event' && m.name))
    ).toEqual(new Set(['overlay']))
  })

  it('refuses a foreign Host (DNS rebinding) and paths outside the renderer', async () => {
    const { server } = await serve()
    expect(
      (await get(server.port, `/?token=${server.token}`, { host: 'evil.example' })).status
    ).toBe(400)
    expect((await get(server.port, '/../../package.json')).status).toBe(404)
    expect((await get(server.port, '/%2e%2e/%2e%2e/package.json')).status).toBe(404)
  })

  it('the bridge needs the token and the app origin', async () => {
    const { server } = await serve()
    const base = `ws://127.0.0.1:${server.port}/bridge`
    await expect(open(base)).rejects.toThrow('HTTP 401')
    await expect(open(`${base}?token=nope`)).rejects.toThrow('HTTP 401')
    await expect(
      open(`${base}?token=${server.token}`, { origin: 'https://evil.example' })
    ).rejects.toThrow('HTTP 401')
    const { ws } = await open(`${base}?token=${server.token}`, {
      origin: `http://127.0.0.1:${server.port}`
    })
    expect(ws.readyState).toBe(WebSocket.OPEN)
  })

  it('carries commands and results, validates them, and pushes ticks', async () => {
    const { server } = await serve()
    const { ws, messages } = await open(
      `ws://127.0.0.1:${server.port}/bridge?token=${server.token}`
    )
    const results = () =>
      messages.filter(
        (m): m is Extract<BridgeServerMessage, { type: 'result' }> => m.type === 'result'
      )
    ws.send(JSON.stringify({ type: 'invoke', id: 1, name: 'connect', args: { source: 'demo' } }))
    ws.send(
      JSON.stringify({
        type: 'invoke',
        id: 2,
        name: 'updateSettings',
        args: { patch: { pools: { tts: { max: 99 } } } }
      })
    )
    ws.send(JSON.stringify({ type: 'invoke', id: 3, name: 'eval', args: {} }))
    await waitFor(() => results().length === 3, 'three results')
    expect(results().find((r) => r.id === 1)?.result).toMatchObject({
      ok: true,
      value: { state: 'running', source: 'demo' }
    })
    expect(results().find((r) => r.id === 2)?.result).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings', details: [expect.stringMatching(/^pools\.tts\.max: /)] }
    })
    expect(results().find((r) => r.id === 3)?.result).toMatchObject({
      ok: false,
      error: { code: 'bad-command' }
    })
    await waitFor(
      () =>
        messages.some(
          (m) =>
            m.type === 'event' &&
            m.name === 'tick' &&
            (m.payload as { feed: unknown[] }).feed.length > 0
        ),
      'ticks with feed'
    )
  })

  it('closes a client that sends garbage', async () => {
    const { server } = await serve()
    const { ws } = await open(`ws://127.0.0.1:${server.port}/bridge?token=${server.token}`)
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send('{not json')
    expect(await closed).toBe(1003)
  })
})
