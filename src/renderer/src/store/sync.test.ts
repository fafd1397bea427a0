import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { FakeBridge, fakeSnapshot, fakeStatus } from '../testing/fakes'
import { createAppStore } from './app-store'
import { attachBridge } from './sync'

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('attachBridge', () => {
  it('seeds from getSnapshot when the link opens, then follows ticks', async () => {
    const store = createAppStore()
    const bridge = new FakeBridge()
    bridge.handlers.set('getSnapshot', () => ({
      ok: true,
      value: fakeSnapshot({ feed: [{ seq: 1, type: 'chat', at: 1, text: 'hi' }] })
    }))
    attachBridge(store, bridge)
    expect(store.getState().link).toBe('connecting')
    bridge.setLink('open')
    await flush()
    expect(store.getState()).toMatchObject({ link: 'open', ready: true })
    expect(store.getState().feed).toHaveLength(1)
    bridge.fire('tick', {
      session: { state: 'running' },
      status: fakeStatus({
        counts: { received: 99, processed: 0, queued: 0, spoken: 0, dropped: 0 }
      }),
      feed: [],
      speech: [],
      sample: null
    })
    expect(store.getState().status?.counts.received).toBe(99)
  })

  it('follows settings and notices', async () => {
    const store = createAppStore()
    const bridge = new FakeBridge()
    attachBridge(store, bridge)
    const next = { ...DEFAULT_SETTINGS, tts: { ...DEFAULT_SETTINGS.tts, rate: 222 } }
    bridge.fire('settings', next)
    bridge.fire('notice', { level: 'warn', code: 'settings-recovered', message: 'm', at: 1 })
    expect(store.getState().settings?.tts.rate).toBe(222)
    expect(store.getState().notices.map((n) => n.code)).toEqual(['settings-recovered'])
  })

  it('re-seeds after a reconnect and ignores a stale snapshot reply', async () => {
    const store = createAppStore()
    const bridge = new FakeBridge()
    const replies: ((v: unknown) => void)[] = []
    bridge.handlers.set(
      'getSnapshot',
      () => new Promise((resolve) => replies.push(resolve as (v: unknown) => void))
    )
    attachBridge(store, bridge)
    bridge.setLink('open')
    bridge.setLink('down')
    bridge.setLink('open')
    replies[1]!({ ok: true, value: fakeSnapshot({ session: { state: 'running', source: 'new' } }) })
    await flush()
    replies[0]!({ ok: true, value: fakeSnapshot({ session: { state: 'running', source: 'old' } }) })
    await flush()
    expect(store.getState().session.source).toBe('new')
  })

  it('detaches every listener', () => {
    const bridge = new FakeBridge()
    const detach = attachBridge(createAppStore(), bridge)
    expect(bridge.listenerCount()).toBeGreaterThan(0)
    detach()
    expect(bridge.listenerCount()).toBe(0)
  })
})
