import type { AppBridge } from '../bridge/types'
import type { AppStore } from './app-store'
import { onLink, onNotice, onSnapshot, onTick } from './reducers'

/**
 * Feeds `store` from `bridge`: follows tick/settings/notice, and seeds (or re-seeds, after a
 * reconnect) with getSnapshot each time the link opens. Listeners are attached before the snapshot
 * is asked for, so nothing that happens in between is lost (overlaps are merged away by seq).
 * Returns the function that detaches it all.
 */
export function attachBridge(store: AppStore, bridge: AppBridge): () => void {
  const apply = (
    reduce: (s: ReturnType<AppStore['getState']>) => Partial<ReturnType<AppStore['getState']>>
  ) => store.setState(reduce(store.getState()))
  let generation = 0
  const seed = async () => {
    const mine = ++generation
    const result = await bridge.invoke('getSnapshot', {})
    // A reply from an older link must not overwrite what the newer one said.
    if (mine !== generation || !result.ok) return
    apply((s) => onSnapshot(s, result.value))
    const engines = await bridge.invoke('listEngines', {})
    if (mine === generation && engines.ok) store.setState({ engines: engines.value })
  }
  const offs = [
    bridge.on('tick', (tick) => apply((s) => onTick(s, tick))),
    bridge.on('settings', (settings) => store.setState({ settings })),
    bridge.on('notice', (notice) => apply((s) => onNotice(s, notice))),
    bridge.on('obsLink', (obsLink) => store.setState({ obsLink })),
    bridge.onLink((link) => {
      apply((s) => onLink(s, link))
      if (link === 'open') void seed()
    })
  ]
  apply((s) => onLink(s, bridge.link))
  if (bridge.link === 'open') void seed()
  return () => offs.forEach((off) => off())
}
