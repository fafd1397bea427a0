import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { bridgeUrl } from './bridge/create-bridge'
import { WsBridge } from './bridge/ws-bridge'
import { OverlayApp } from './overlay/OverlayApp'
import './styles/overlay.css'

/** OBS browser-source entry: the read-only overlay feed (its own token), a very small view. */
const bridge = new WsBridge({ url: bridgeUrl(window.location, '/overlay-feed') })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OverlayApp bridge={bridge} />
  </StrictMode>
)
