import type { Bridge } from '../../../shared/ipc/contract'

/**
 * `connecting`: first attempt (or a retry) under way; `open`: commands and events flow;
 * `down`: the link to DanmuVoice is lost and a retry is scheduled.
 */
export type LinkState = 'connecting' | 'open' | 'down'

/** The contract's Bridge plus what the UI needs to know about the transport itself. */
export interface AppBridge extends Bridge {
  /** `ipc` in the desktop app, `ws` in a browser. */
  readonly transport: 'ipc' | 'ws'
  readonly link: LinkState
  /** Called on every link change; `open` is the moment to (re)seed state with getSnapshot. */
  onLink(listener: (state: LinkState) => void): () => void
  /** Stops reconnecting and closes the transport. */
  close(): void
}

/** The message of the failure every command gets while the link is down (translated by the UI). */
export const LINK_DOWN = 'link-down'
