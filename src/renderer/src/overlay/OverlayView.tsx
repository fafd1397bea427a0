import type { OverlayState } from '../../../shared/ipc/contract'
import type { OverlayOptions } from './overlay-options'

/**
 * What the OBS overlay draws: the current line large, the next one smaller, nothing while idle or
 * offline. Shared by the overlay page and the preview in the settings.
 */
export function OverlayView({
  state,
  live,
  options,
  testId = 'overlay',
  link
}: {
  state: OverlayState
  live: boolean
  options: OverlayOptions
  testId?: string
  link?: string
}) {
  const now = state.now?.text
  const next = state.next?.text
  return (
    <div
      className={`overlay align-${options.align}`}
      style={{ fontSize: `${options.size}px` }}
      data-testid={testId}
      data-link={link}
    >
      {live && now ? (
        <p className="overlay-now" data-testid={`${testId}-now`}>
          {now}
        </p>
      ) : null}
      {live && options.next && next ? (
        <p className="overlay-next" data-testid={`${testId}-next`}>
          {next}
        </p>
      ) : null}
    </div>
  )
}
