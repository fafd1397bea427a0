import { useCallback } from 'react'
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { en } from './en'
import { zh } from './zh'

/** The UI languages. */
export type Lang = 'zh' | 'en'
/** Every string the UI shows, by key. */
export type MessageKey = keyof typeof zh
/** Values for `{name}` slots. */
export type Vars = Record<string, string | number>
/** A bound translator: key (+ values) → text in the current language. */
export type Translate = (key: MessageKey, vars?: Vars) => string

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { zh, en }
const STORAGE_KEY = 'danmuvoice.lang'

/** Fills `{name}` slots; a missing value leaves the slot visible rather than printing "undefined". */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    vars[name] === undefined ? slot : String(vars[name])
  )
}

/** True for a key of the dictionaries (for keys built from codes the main process sends). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key)
}

/** The text for `key` in `lang`, slots filled. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return format(DICTIONARIES[lang][key] ?? zh[key] ?? key, vars)
}

function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    // Storage can be off (privacy settings, some browser sources): Chinese, the default, is fine.
    return 'zh'
  }
}

const langStore = createStore<{ lang: Lang }>()(() => ({ lang: storedLang() }))

/** Switches the UI language and remembers it in this browser (not in the app's settings). */
export function setLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang)
  } catch {
    // Not remembered; still switched for this page.
  }
  if (typeof document !== 'undefined')
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  langStore.setState({ lang })
}

/** The current UI language (outside React). */
export function getLang(): Lang {
  return langStore.getState().lang
}

/** The current UI language; re-renders on a switch. */
export function useLang(): Lang {
  return useStore(langStore, (s) => s.lang)
}

/** The translator for the current language; components re-render when the language changes. */
export function useT(): Translate {
  const lang = useLang()
  return useCallback((key: MessageKey, vars?: Vars) => translate(lang, key, vars), [lang])
}
