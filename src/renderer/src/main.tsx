import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

function App() {
  return (
    <main style={{ fontFamily: 'system-ui, "WenQuanYi Micro Hei", sans-serif', padding: 24 }}>
      <h1>弹幕播报 DanmuVoice</h1>
      <p>仪表盘即将上线。The dashboard is on its way.</p>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
