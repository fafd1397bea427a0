import { contextBridge } from 'electron'

/** The renderer's only door to the app; the typed bridge lands with the desktop-app issue. */
contextBridge.exposeInMainWorld('danmuvoice', { version: '0.1.0' })
