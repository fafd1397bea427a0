import type { ObsLink } from '../../shared/ipc/contract'
import type { AppController } from '../app/app-controller'
import { OverlayTokenStore } from './overlay-token'
import { UiServer } from './ui-server'

export interface ServeUiOptions {
  controller: AppController
  rendererDir: string
  /** The port to listen on; 0 = any free port. */
  port: number
  /** The port came from settings (`overlay.port`): when it is taken, use a free one and say so. */
  fromSettings: boolean
  /** Where the overlay token is kept, so the OBS link survives restarts. */
  dataDir?: string
}

/**
 * Starts the local server (dashboard in browser mode, OBS overlay in both modes) with the kept
 * overlay token, and gives the controller the OBS link and the way to reset its token.
 */
export async function serveUi(options: ServeUiOptions): Promise<UiServer> {
  const tokens = new OverlayTokenStore(options.dataDir)
  const ui = new UiServer({
    controller: options.controller,
    rendererDir: options.rendererDir,
    port: options.port,
    overlayToken: tokens.load(),
    fallbackToFreePort: options.fromSettings
  })
  await ui.listen()
  const link = (): ObsLink => ({
    url: ui.overlayUrl(),
    port: ui.port,
    ...(options.fromSettings ? { configuredPort: options.port } : {})
  })
  options.controller.attachObsLink({
    link,
    reset: () => {
      ui.setOverlayToken(tokens.reset())
      return link()
    }
  })
  if (ui.portFallback)
    options.controller.notify(
      'warn',
      'overlay-port-busy',
      `port ${options.port} is taken; the OBS link uses port ${ui.port} for this run`,
      { params: { port: options.port, used: ui.port } }
    )
  return ui
}
