import type { CaptureDriver } from './capture/cdp'

/**
 * What the Douyin source takes beyond the generic SourceOptions. The source registry hands these
 * to the Douyin factory only; every field is optional and has a production default.
 */
export interface DouyinOptions {
  /** Replaces https://live.douyin.com (cookie, page, API); tests point it at 127.0.0.1. */
  base?: string
  /** Replaces the push socket URL. */
  ws?: string
  /** Replaces https://v.douyin.com when a pasted short link is followed. */
  shareBase?: string
  /** `direct`, `capture` or `auto` (default); the factory rejects anything else with a code. */
  mode?: string
  /** The user's own cookie string (login). */
  cookie?: string
  /** The Chromium that page capture launches when no capture driver is given. */
  browserPath?: string
  /** How page capture opens a browser: Electron's hidden window in the app, else Playwright. */
  captureDriver?: CaptureDriver
}
