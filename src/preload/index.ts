import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { Bridge, EventName } from '../shared/ipc/contract'

/**
 * The renderer's only door to the app: the typed contract, nothing else (no raw ipcRenderer, no
 * process, no Node). Main validates every command and its sender.
 */
const EVENTS: readonly EventName[] = ['tick', 'settings', 'notice', 'obsLink']

const api: Bridge = {
  invoke: (name, args) => ipcRenderer.invoke('dv:invoke', name, args),
  on: (name, listener) => {
    if (!EVENTS.includes(name)) throw new Error(`unknown event ${String(name)}`)
    const channel = `dv:event:${name}`
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never)
    ipcRenderer.on(channel, handler)
    return () => void ipcRenderer.removeListener(channel, handler)
  }
}

contextBridge.exposeInMainWorld('danmuvoice', api)
