/**
 * The one Content-Security-Policy of the app's pages, sent by the Electron session and by the
 * browser-mode UI server alike. (The pages' <meta> tags repeat a subset: a meta CSP cannot carry
 * frame-ancestors, and the header is what counts.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "frame-ancestors 'none'"
].join('; ')
