import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { appStore } from './app-store'
import type { AppState } from './state'

/** Reads a slice of the app store; the component re-renders only when that slice changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector)
}

/** Like useApp, for selectors that build a new object or array each time (compared shallowly). */
export function useAppShallow<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, useShallow(selector))
}
