import { useRef, type KeyboardEvent } from 'react'
import { setLang, useLang, useT } from '../i18n/i18n'
import { useApp } from '../store/hooks'

/** The pages of the app. */
export type Tab = 'dashboard' | 'settings' | 'tasks'
export const TABS: readonly Tab[] = ['dashboard', 'settings', 'tasks']

/** App title, the session state, the page tabs and the language switch. */
export function Header({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }) {
  const t = useT()
  const lang = useLang()
  const session = useApp((s) => s.session.state)
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({})
  // Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, automatic activation).
  const onKey = (e: KeyboardEvent) => {
    const at = TABS.indexOf(tab)
    const next =
      e.key === 'ArrowRight'
        ? TABS[(at + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(at + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined
    if (!next) return
    e.preventDefault()
    onTab(next)
    refs.current[next]?.focus()
  }
  return (
    <header className="app-header">
      <h1 className="brand">
        <span className="brand-zh">弹幕播报</span>
        <span className="brand-en" lang="en">
          DanmuVoice
        </span>
      </h1>
      <span className={`pill session-${session}`} data-testid="session-state" role="status">
        {t(`session.${session}`)}
      </span>
      <nav className="tabs" aria-label={t('app.main')}>
        <div role="tablist" className="tabs" onKeyDown={onKey}>
          {TABS.map((name) => (
            <button
              key={name}
              ref={(el) => {
                refs.current[name] = el
              }}
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls="page"
              tabIndex={tab === name ? 0 : -1}
              className={tab === name ? 'tab active' : 'tab'}
              data-testid={`tab-${name}`}
              onClick={() => onTab(name)}
            >
              {t(`app.tab.${name}`)}
            </button>
          ))}
        </div>
      </nav>
      <button
        className="lang-switch"
        title={t('app.lang.switch')}
        aria-label={t('app.lang.switch')}
        lang={lang === 'zh' ? 'en' : 'zh-CN'}
        data-testid="lang-switch"
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      >
        {t('app.lang.other')}
      </button>
    </header>
  )
}
