import { useApp } from '../store/hooks'
import { overlayOptions } from './overlay-options'

/**
 * The current line and the next one, large, on a transparent background, for an OBS browser source.
 * Shows nothing while idle or while the link to DanmuVoice is down, so a stream never shows stale
 * text or an error banner. Options come from the URL (see overlay-options.ts).
 */
export function OverlayApp() {
  const options = overlayOptions(location.search)
  const link = useApp((s) => s.link)
  const now = useApp((s) => s.status?.nowPlaying?.text)
  const next = useApp((s) => s.status?.upNext[0]?.text)
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
