import { setLang, useLang, useT } from '../i18n/i18n'
import { useApp } from '../store/hooks'

/** The two pages of the app. */
export type Tab = 'dashboard' | 'settings'

/** App title, the session state, the page tabs and the language switch. */
export function Header({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }) {
  const t = useT()
  const lang = useLang()
  const session = useApp((s) => s.session.state)
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-zh">弹幕播报</span>
        <span className="brand-en">DanmuVoice</span>
      </div>
      <span className={`pill session-${session}`} data-testid="session-state">
        {t(`session.${session}`)}
      </span>
      <nav className="tabs" role="tablist">
        {(['dashboard', 'settings'] as const).map((name) => (
          <button
            key={name}
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab active' : 'tab'}
            data-testid={`tab-${name}`}
            onClick={() => onTab(name)}
          >
            {t(`app.tab.${name}`)}
          </button>
        ))}
      </nav>
      <button
        className="lang-switch"
        title={t('app.lang.switch')}
        data-testid="lang-switch"
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      >
        {t('app.lang.other')}
      </button>
    </header>
  )
}
