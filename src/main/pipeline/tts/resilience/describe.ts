import type { ResilienceEvent } from './types'

/** One log line per resilience event, in words. */
export function describeResilienceEvent(e: ResilienceEvent): string {
  switch (e.type) {
    case 'retry':
      return `speech engine ${e.engine}: retry ${e.retry} in ${e.delayMs} ms (${e.error})`
    case 'fallback':
      return `speech engine ${e.engine} failed (${e.reason}); spoken by ${e.fallback} instead`
    case 'circuit':
      return `speech engine ${e.engine}: circuit ${e.state}${e.state === 'open' ? `, using the offline voice for ${Math.round(e.cooldownMs / 1000)} s` : ''}`
  }
}
