import type { AppBridge } from '../bridge/types'
import { overlayOptions } from './overlay-options'
import { OverlayView } from './OverlayView'
import { useOverlayFeed } from './use-overlay-feed'

/**
 * The current line and the next one, large, on a transparent background, for an OBS browser source.
 * Shows nothing while idle or while the link to DanmuVoice is down, so a stream never shows stale
 * text or an error banner. Options come from the URL (see overlay-options.ts).
 */
export function OverlayApp({ bridge }: { bridge: AppBridge }) {
  const { link, state } = useOverlayFeed(bridge)
  return (
    <main aria-label="弹幕播报 overlay">
      <OverlayView
        state={state}
        live={link === 'open'}
        options={overlayOptions(location.search)}
        link={link}
      />
    </main>
  )
}
