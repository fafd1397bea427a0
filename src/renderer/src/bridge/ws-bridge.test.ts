import { describe, expect, it } from 'vitest'
import { bridgeUrl } from './create-bridge'
import { LINK_DOWN, type LinkState } from './types'
import { WsBridge, type SocketLike } from './ws-bridge'

class FakeSocket implements SocketLike {
  readyState = 0
  onopen: SocketLike['onopen'] = null
  onclose: SocketLike['onclose'] = null
  onerror: SocketLike['onerror'] = null
  onmessage: SocketLike['onmessage'] = null
  sent: unknown[] = []
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data))
  }
  close(): void {
    this.readyState = 3
  }
  serverOpen(): void {
    this.readyState = 1
    this.onopen?.({})
  }
  serverClose(): void {
    this.readyState = 3
    this.onclose?.({})
  }
  serverSend(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
}

/** Manual timers, so reconnects happen exactly when the test says. */
function harness() {
  const sockets: FakeSocket[] = []
  const timers = new Map<number, { fn: () => void; ms: number }>()
  let nextTimer = 1
  const links: LinkState[] = []
  const bridge = new WsBridge({
    url: 'ws://127.0.0.1:1/bridge?token=t',
    openSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    backoff: { jitterShare: 0 },
    setTimer: (fn, ms) => {
      timers.set(nextTimer, { fn, ms })
      return nextTimer++
    },
    clearTimer: (h) => void timers.delete(h as number)
  })
  bridge.onLink((s) => links.push(s))
  const runTimers = (predicate: (ms: number) => boolean = () => true) => {
    for (const [id, t] of [...timers]) {
      if (!predicate(t.ms)) continue
      timers.delete(id)
      t.fn()
    }
  }
  return { bridge, sockets, timers, links, runTimers, last: () => sockets[sockets.length - 1]! }
}

describe('WsBridge', () => {
  it('correlates replies to invokes by id', async () => {
    const h = harness()
    h.last().serverOpen()
    const a = h.bridge.invoke('control', { action: 'skip' })
    const b = h.bridge.invoke('setVolume', { volume: 0.5 })
    const [first, second] = h.last().sent as { id: number; name: string }[]
    expect(first).toMatchObject({ type: 'invoke', name: 'control', args: { action: 'skip' } })
    h.last().serverSend({ type: 'result', id: second!.id, result: { ok: true, value: 'B' } })
    h.last().serverSend({
      type: 'result',
      id: first!.id,
      result: { ok: false, error: { code: 'failed', message: 'A' } }
    })
    expect(await b).toEqual({ ok: true, value: 'B' })
    expect(await a).toEqual({ ok: false, error: { code: 'failed', message: 'A' } })
  })

  it('delivers pushed events to their listeners until unsubscribed', () => {
    const h = harness()
    h.last().serverOpen()
    const seen: unknown[] = []
    const off = h.bridge.on('notice', (n) => seen.push(n.code))
    h.last().serverSend({ type: 'event', name: 'notice', payload: { code: 'x' } })
    h.last().serverSend({ type: 'event', name: 'settings', payload: {} })
    off()
    h.last().serverSend({ type: 'event', name: 'notice', payload: { code: 'y' } })
    expect(seen).toEqual(['x'])
  })

  it('fails commands at once while down, and pending ones when the link drops', async () => {
    const h = harness()
    expect(await h.bridge.invoke('getSnapshot', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: LINK_DOWN }
    })
    h.last().serverOpen()
    const pending = h.bridge.invoke('getSnapshot', {})
    h.last().serverClose()
    expect(await pending).toEqual({ ok: false, error: { code: 'failed', message: LINK_DOWN } })
  })

  it('reconnects with growing delays and reports the link state', () => {
    const h = harness()
    h.last().serverClose()
    expect([...h.timers.values()].map((t) => t.ms)).toEqual([250])
    h.runTimers()
    h.last().serverClose()
    expect([...h.timers.values()].map((t) => t.ms)).toEqual([500])
    h.runTimers()
    h.last().serverOpen()
    expect(h.sockets).toHaveLength(3)
    expect(h.links).toEqual(['down', 'open'])
    // After a good connection the delays start small again.
    h.last().serverClose()
    expect([...h.timers.values()].map((t) => t.ms)).toEqual([250])
  })

  it('times out a command that gets no reply', async () => {
    const h = harness()
    h.last().serverOpen()
    const pending = h.bridge.invoke('getSnapshot', {})
    h.runTimers((ms) => ms === 60_000)
    expect(await pending).toEqual({ ok: false, error: { code: 'failed', message: 'timeout' } })
  })

  it('stops reconnecting once closed', () => {
    const h = harness()
    h.last().serverOpen()
    h.bridge.close()
    expect(h.timers.size).toBe(0)
    expect(h.bridge.link).toBe('down')
  })
})

describe('bridgeUrl', () => {
  it('uses the page host and passes the token on', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:4321', search: '?token=a-b_c' })).toBe(
      'ws://127.0.0.1:4321/bridge?token=a-b_c'
    )
    expect(bridgeUrl({ protocol: 'https:', host: 'x', search: '' })).toBe('wss://x/bridge?token=')
  })
})
