import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBridge } from './bridge/create-bridge'
import { OverlayApp } from './overlay/OverlayApp'
import { appStore } from './store/app-store'
import { attachBridge } from './store/sync'
import './styles/overlay.css'

/** OBS browser-source entry: the same bridge and store as the dashboard, a much smaller view. */
attachBridge(appStore, createBridge())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OverlayApp />
  </StrictMode>
)
