import { useEffect, useState } from 'react'
import type { OverlayState } from '../../../shared/ipc/contract'
import type { AppBridge, LinkState } from '../bridge/types'

/**
 * Follows the overlay's read-only feed: the line being spoken and the next one. The overlay holds
 * only the overlay token, so this is all it can see; it sends no commands.
 */
export function useOverlayFeed(bridge: AppBridge): { link: LinkState; state: OverlayState } {
  const [link, setLink] = useState<LinkState>(bridge.link)
  const [state, setState] = useState<OverlayState>({})
  useEffect(() => {
    const offs = [bridge.onLink(setLink), bridge.on('overlay', setState)]
    setLink(bridge.link)
    return () => offs.forEach((off) => off())
  }, [bridge])
  return { link, state }
}
