import type { AppBridge } from '../bridge/types'
import { overlayOptions } from './overlay-options'
import { useOverlayFeed } from './use-overlay-feed'

/**
 * The current line and the next one, large, on a transparent background, for an OBS browser source.
 * Shows nothing while idle or while the link to DanmuVoice is down, so a stream never shows stale
 * text or an error banner. Options come from the URL (see overlay-options.ts).
 */
export function OverlayApp({ bridge }: { bridge: AppBridge }) {
  const options = overlayOptions(location.search)
  const { link, state } = useOverlayFeed(bridge)
  const now = state.now?.text
  const next = state.next?.text
  const live = link === 'open'
  return (
    <div
      className={`overlay align-${options.align}`}
      style={{ fontSize: `${options.size}px` }}
      data-testid="overlay"
      data-link={link}
    >
      {live && now ? (
        <p className="overlay-now" data-testid="overlay-now">
          {now}
        </p>
      ) : null}
      {live && options.next && next ? (
        <p className="overlay-next" data-testid="overlay-next">
          {next}
        </p>
      ) : null}
    </div>
  )
}
