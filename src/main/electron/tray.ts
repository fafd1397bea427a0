import { Menu, Tray, nativeImage } from 'electron'
import type { AppController } from '../app/app-controller'

/** Tray menu: pause/resume, skip, show, quit — the controls a streamer reaches for mid-stream. */
export function createTray(
  iconPath: string,
  controller: AppController,
  actions: { show: () => void; quit: () => void }
): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath))
  tray.setToolTip('弹幕播报 DanmuVoice')
  const control = (action: 'pause' | 'resume' | 'skip') =>
    void controller.dispatch('control', { action })
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: '暂停 Pause', click: () => control('pause') },
      { label: '继续 Resume', click: () => control('resume') },
      { label: '跳过 Skip', click: () => control('skip') },
      { type: 'separator' },
      { label: '显示窗口 Show', click: actions.show },
      { label: '退出 Quit', click: actions.quit }
    ])
  )
  tray.on('click', actions.show)
  return tray
}
