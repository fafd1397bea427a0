import { useEffect, useState } from 'react'
import { useT } from '../i18n/i18n'
import { Dashboard } from './dashboard/Dashboard'
import { Header, type Tab } from './Header'
import { LinkBanner } from './LinkBanner'
import { Notices } from './Notices'
import { SettingsPage } from './settings/SettingsPage'
import { TasksPage } from './tasks/TasksPage'

function tabFromHash(): Tab {
  return location.hash === '#settings'
    ? 'settings'
    : location.hash === '#tasks'
      ? 'tasks'
      : 'dashboard'
}

/** The whole desktop/browser UI: header, link and notice banners, then the dashboard or the settings. */
export function App() {
  const t = useT()
  const [tab, setTab] = useState<Tab>(tabFromHash)
  // The tab lives in the URL hash so a reload (or a bookmark) keeps the page.
  useEffect(() => {
    const onHash = () => setTab(tabFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const choose = (next: Tab) => {
    setTab(next)
    history.replaceState(
      null,
      '',
      next === 'dashboard' ? location.pathname + location.search : `#${next}`
    )
  }
  return (
    <div className="app">
      <Header tab={tab} onTab={choose} />
      <div role="region" aria-label={t('notice.other')} className="banners">
        <LinkBanner />
        <Notices />
      </div>
      <main
        className="app-main"
        id="page"
        role="tabpanel"
        aria-labelledby={`tab-${tab}`}
        tabIndex={-1}
      >
        {tab === 'settings' ? <SettingsPage /> : tab === 'tasks' ? <TasksPage /> : <Dashboard />}
      </main>
    </div>
  )
}
