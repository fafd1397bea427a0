import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBridge } from './bridge/create-bridge'
import { App } from './components/App'
import { getLang, setLang } from './i18n/i18n'
import { bindBridge } from './store/actions'
import { appStore } from './store/app-store'
import { attachBridge } from './store/sync'
import './styles/app.css'

/** Dashboard entry: pick the transport, feed the store from it, render. */
const bridge = createBridge()
bindBridge(bridge)
attachBridge(appStore, bridge)
setLang(getLang())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
