import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { LINK_DOWN } from '../bridge/types'
import { FakeBridge } from '../testing/fakes'
import {
  bindBridge,
  clearError,
  connectSource,
  control,
  dismissNotice,
  saveSettings,
  setRate,
  testVoice
} from './actions'
import { appStore } from './app-store'
import { initialState } from './state'

afterEach(() => {
  bindBridge(undefined)
  appStore.setState(initialState(), true)
})

describe('actions', () => {
  it('connect sends the spec and keeps the returned session', async () => {
    const bridge = new FakeBridge()
    bridge.handlers.set('connect', () => ({
      ok: true,
      value: { state: 'running', source: 'demo' }
    }))
    bindBridge(bridge)
    const pending = connectSource('demo')
    expect(appStore.getState().busy.connect).toBe(true)
    await pending
    expect(bridge.calls).toEqual([{ name: 'connect', args: { source: 'demo' } }])
    expect(appStore.getState().session).toEqual({ state: 'running', source: 'demo' })
    expect(appStore.getState().busy.connect).toBe(false)
  })

  it('records a failed command under its area until the next try or clearError', async () => {
    const bridge = new FakeBridge()
    bridge.handlers.set('control', () => ({
      ok: false,
      error: { code: 'failed', message: 'Connect to a room (or the demo) first.' }
    }))
    bindBridge(bridge)
    await control('skip')
    expect(appStore.getState().errors.control?.message).toMatch(/first/)
    clearError('control')
    expect(appStore.getState().errors.control).toBeUndefined()
  })

  it('fails cleanly without a bridge', async () => {
    const result = await testVoice('你好')
    expect(result).toEqual({ ok: false, error: { code: 'failed', message: LINK_DOWN } })
    expect(appStore.getState().errors.voice?.message).toBe(LINK_DOWN)
  })

  it('trims the test text and leaves it out when empty', async () => {
    const bridge = new FakeBridge()
    bindBridge(bridge)
    await testVoice('  你好 ')
    await testVoice('   ')
    expect(bridge.calls.map((c) => c.args)).toEqual([{ text: '你好' }, {}])
  })

  it('settings changes go as a patch and the answer becomes the settings', async () => {
    const bridge = new FakeBridge()
    const next = { ...DEFAULT_SETTINGS, tts: { ...DEFAULT_SETTINGS.tts, rate: 300 } }
    bridge.handlers.set('updateSettings', () => ({ ok: true, value: next }))
    bindBridge(bridge)
    await setRate(300)
    expect(bridge.calls[0]).toEqual({
      name: 'updateSettings',
      args: { patch: { tts: { rate: 300 } } }
    })
    expect(appStore.getState().settings?.tts.rate).toBe(300)
  })

  it('passes invalid-settings details back to the form', async () => {
    const bridge = new FakeBridge()
    bridge.handlers.set('updateSettings', () => ({
      ok: false,
      error: { code: 'invalid-settings', message: 'bad', details: ['pools.tts.max: Too big'] }
    }))
    bindBridge(bridge)
    const result = await saveSettings({ pools: { tts: { max: 99 } } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.details).toEqual(['pools.tts.max: Too big'])
    expect(appStore.getState().settings).toBeNull()
  })

  it('remembers dismissed notices once', () => {
    dismissNotice('a')
    dismissNotice('a')
    expect(appStore.getState().dismissed).toEqual(['a'])
  })
})
