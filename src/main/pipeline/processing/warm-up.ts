import type { LiveEvent } from '../../../shared/events'
import type { ProcessingConfig } from '../../../shared/worker-protocol'
import { processEvent } from '../../../workers/processing/process-event'

/**
 * Compiles the in-thread path before the first real event: its first run costs tens of ms (regular
 * expressions, templates, JIT), which would spend a second's in-thread budget at once and send the
 * next events to a pool thread that has to start first. The outcomes are discarded.
 */
export function warmUp(config: ProcessingConfig): void {
  const user = { id: '0', nickname: '预热' }
  const samples: LiveEvent[] = [
    { type: 'chat', id: 'warm-up-1', ts: 0, user, content: '主播好 666 [比心]' },
    { type: 'gift', id: 'warm-up-2', ts: 0, user, gift: { id: '1', name: '小心心', count: 1 } },
    { type: 'follow', id: 'warm-up-3', ts: 0, user },
    { type: 'member', id: 'warm-up-4', ts: 0, user }
  ]
  for (const event of samples) processEvent({ event, receivedAt: 0 }, config)
}
