import { afterEach, describe, expect, it } from 'vitest'
import { parseSettings } from '../../shared/settings'
import { requireBuild } from '../testing/paths'
import { waitFor } from '../testing/wait-for'
import { BridgeClient, serveBridge } from '../testing/bridge'
import { DEFAULT_BRIDGE_LIMITS, type BridgeLimits } from './client-limits'

requireBuild()
const disposers: (() => unknown)[] = []
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d()
})

async function setup(limits: Partial<BridgeLimits> = {}) {
  const s = await serveBridge(limits)
  disposers.push(s.dispose)
  const link = async () => {
    const c = await BridgeClient.open(
      `ws://127.0.0.1:${s.server.port}/bridge?token=${s.server.token}`
    )
    disposers.push(() => c.close())
    return c
  }
  return { ...s, link }
}

/** `\uXXXX` for every non-ASCII character: what a client that escapes everything sends. */
function escapedJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/** The largest settings patch the schema accepts: every list full, every string at its limit. */
function largestPatch(): Record<string, unknown> {
  const word = (i: number, n: number) => (String(i) + '刷'.repeat(n)).slice(0, n)
  const users: Record<string, { readAs: string; voice: string }> = {}
  for (let i = 0; i < 5000; i++) users[word(i, 64)] = { readAs: word(i, 32), voice: 'v'.repeat(64) }
  return {
    filter: {
      blockedWords: Array.from({ length: 2000 }, (_, i) => word(i, 50)),
      blockedUsers: Array.from({ length: 5000 }, (_, i) => word(i, 64)),
      allowedUsers: Array.from({ length: 5000 }, (_, i) => word(i + 5000, 64))
    },
    users
  }
}

describe('the bridge survives any client', () => {
  it('the largest valid settings patch (2,000 blocked words, 5,000 users, all escaped) passes whole', async () => {
    const { controller, link } = await setup()
    const patch = largestPatch()
    expect(parseSettings(patch).ok).toBe(true)
    const message = escapedJson({ type: 'invoke', id: 1, name: 'updateSettings', args: { patch } })
    // Far over the old 64 KiB limit, within the new one.
    expect(message.length).toBeGreaterThan(6 * 1024 * 1024)
    expect(message.length).toBeLessThan(DEFAULT_BRIDGE_LIMITS.maxMessageBytes)
    const c = await link()
    c.send(message)
    expect(await c.result(1)).toMatchObject({ ok: true })
    const settings = controller.snapshot().settings
    expect(settings.filter.blockedWords).toHaveLength(2000)
    expect(Object.keys(settings.users)).toHaveLength(5000)
    expect(settings.filter.allowedUsers).toHaveLength(5000)
  }, 90_000)

  it('a message over the limit closes only that link; the server and other links go on', async () => {
    const { link } = await setup({ maxMessageBytes: 64 * 1024 })
    const big = await link()
    const other = await link()
    big.send('x'.repeat(64 * 1024 + 1))
    expect(await big.closed()).toBe(1009)
    expect(await other.result(other.invoke('getSnapshot'))).toMatchObject({ ok: true })
    const again = await link()
    expect(await again.result(again.invoke('getSnapshot'))).toMatchObject({ ok: true })
  })

  it('over the command budget: every command still gets exactly one reply, the excess "rate-limited"', async () => {
    const { link } = await setup({ commandBurst: 10, commandsPerSecond: 0.001 })
    const c = await link()
    const ids = Array.from({ length: 30 }, () => c.invoke('getSnapshot'))
    const results = await Promise.all(ids.map((id) => c.result(id)))
    expect(ids.every((id) => c.results.get(id)!.length === 1)).toBe(true)
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    const refused = results.filter((r) => !r.ok)
    expect(refused).toHaveLength(20)
    for (const r of refused) expect(r).toMatchObject({ error: { code: 'rate-limited' } })
    expect(c.closeCode).toBeUndefined()
  })

  it('a link that ignores a whole burst of refusals, or floods bytes, is closed (1008)', async () => {
    const { link } = await setup({
      commandBurst: 5,
      commandsPerSecond: 0.001,
      byteBurst: 200 * 1024,
      bytesPerSecond: 1
    })
    const spammer = await link()
    for (let i = 0; i < 30; i++) spammer.invoke('getSnapshot')
    expect(await spammer.closed()).toBe(1008)
    const flooder = await link()
    const filler = JSON.stringify({ type: 'invoke', id: 1, name: 'getSnapshot', args: {} })
    for (let i = 0; i < 5; i++) flooder.send(filler + ' '.repeat(60 * 1024))
    expect(await flooder.closed()).toBe(1008)
    const fine = await link()
    expect(await fine.result(fine.invoke('getSnapshot'))).toMatchObject({ ok: true })
  })

  it('refuses links beyond the client limit (503) and accepts again when one leaves', async () => {
    const { server, link } = await setup({ maxControlClients: 2 })
    const first = await link()
    await link()
    const url = `ws://127.0.0.1:${server.port}/bridge?token=${server.token}`
    await expect(BridgeClient.open(url)).rejects.toThrow('HTTP 503')
    first.close()
    await waitFor(() => first.closeCode !== undefined, 'the first link to go')
    await new Promise((r) => setTimeout(r, 50))
    const third = await link()
    expect(await third.result(third.invoke('getSnapshot'))).toMatchObject({ ok: true })
  })

  it('--source toString, constructor, __proto__, valueOf: unknown sources, not crashes', async () => {
    const { controller, link } = await setup()
    const c = await link()
    for (const source of ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty:x']) {
      const r = await c.result(c.invoke('connect', { source }))
      expect(r).toMatchObject({
        ok: true,
        value: {
          state: 'idle',
          errorCode: 'unknown-source',
          error: expect.stringMatching(/unknown source/)
        }
      })
    }
    expect(controller.pipeline).toBeUndefined()
  })
})

describe('session commands are serialised', () => {
  it('a burst of connects from three links leaves exactly one pipeline, and every command is answered', async () => {
    const { controller, players, link } = await setup()
    const clients = await Promise.all([link(), link(), link()])
    const sent: [BridgeClient, number][] = []
    for (let i = 0; i < 8; i++)
      for (const c of clients) {
        sent.push([c, c.invoke('connect', { source: 'demo' })])
        if (i % 3 === 0)
          sent.push([c, c.invoke('updateSettings', { patch: { tts: { rate: 150 + i } } })])
      }
    const results = await Promise.all(sent.map(([c, id]) => c.result(id)))
    expect(sent.every(([c, id]) => c.results.get(id)!.length === 1)).toBe(true)
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code))
    expect(codes.every((code) => code === 'ok' || code === 'superseded')).toBe(true)
    expect(codes.filter((code) => code === 'superseded').length).toBeGreaterThan(0)
    expect(controller.session.state).toBe('running')
    await waitFor(() => players.alive() === 1, 'one player process')
    // Settings were applied in order: the last patch wins.
    expect(controller.snapshot().settings.tts.rate).toBe(156)
    // The one pipeline can be stopped, and nothing is left running.
    expect(await clients[0].result(clients[0].invoke('disconnect'))).toMatchObject({
      ok: true,
      value: { state: 'idle' }
    })
    expect(controller.pipeline).toBeUndefined()
    await waitFor(() => players.alive() === 0, 'no player process')
  })
})
