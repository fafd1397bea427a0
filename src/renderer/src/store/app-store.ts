import { createStore, type StoreApi } from 'zustand/vanilla'
import { initialState, type AppState } from './state'

/** The vanilla store type (zustand's StoreApi over AppState). */
export type AppStore = StoreApi<AppState>

/** A fresh vanilla store (tests make their own; the app uses `appStore`). */
export function createAppStore(): AppStore {
  return createStore<AppState>()(() => initialState())
}

/** The app's one store: fed by the bridge (sync.ts), changed by the actions (actions.ts). */
export const appStore: AppStore = createAppStore()
