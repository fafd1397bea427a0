import type { RawData } from 'ws'

/**
 * A WebSocket message as text. ws hands a message over as one Buffer by default, as fragments or an
 * ArrayBuffer when a socket is configured so; `String(data)` would print those as `[object …]`.
 */
export function wsText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}
